using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.IO
{
    /// <summary>
    /// Reads a stream ahead of its consumer on a background task, into a bounded set of buffers. An upload
    /// that reads a chunk and then sends it otherwise leaves the disk and the source's hashing idle while it
    /// sends; with this, the next chunk is read (and verified) while the current one is on the wire. Errors of
    /// the source reach the consumer at the point of the stream where they happened.
    /// </summary>
    internal sealed class ReadAheadStream : Stream
    {
        private readonly Stream _source;
        private readonly ConcurrentQueue<Segment> _ready = new ConcurrentQueue<Segment>();
        private readonly ConcurrentQueue<byte[]> _spare = new ConcurrentQueue<byte[]>();
        private readonly SemaphoreSlim _filled = new SemaphoreSlim(0);
        private readonly SemaphoreSlim _free;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly int _bufferSize;
        private readonly Task _reader;
        private Segment? _current;
        private ExceptionDispatchInfo? _failure;
        private int _currentOffset;
        private bool _ended;
        private long _position;
        private bool _disposed;

        public ReadAheadStream(Stream source, int bufferSize, int bufferCount)
        {
            if (bufferSize <= 0) throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The read-ahead buffer size must be positive.");
            if (bufferCount <= 0) throw new ArgumentOutOfRangeException(nameof(bufferCount), bufferCount, "At least one read-ahead buffer is needed.");
            _source = source;
            _bufferSize = bufferSize;
            _free = new SemaphoreSlim(bufferCount);
            _reader = Task.Run(() => ReadAheadAsync(_stop.Token));
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _source.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ReadAheadStream));
            _failure?.Throw();
            if (count == 0 || _ended) return 0;
            if (_current == null)
            {
                await _filled.WaitAsync(cancellationToken).ConfigureAwait(false);
                _ready.TryDequeue(out var next);
                _failure = next!.Error;
                _failure?.Throw();
                if (next.Count == 0)
                {
                    _ended = true;
                    return 0;
                }
                _current = next;
                _currentOffset = 0;
            }
            var n = Math.Min(count, _current.Count - _currentOffset);
            Buffer.BlockCopy(_current.Buffer!, _currentOffset, buffer, offset, n);
            _currentOffset += n;
            _position += n;
            if (_currentOffset == _current.Count)
            {
                _spare.Enqueue(_current.Buffer!);
                _current = null;
                _free.Release();
            }
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _stop.Cancel();
                // The source is disposed only once the background read has let go of it.
                try
                {
                    _reader.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                }
                _source.Dispose();
                _stop.Dispose();
                _filled.Dispose();
                _free.Dispose();
            }
            base.Dispose(disposing);
        }

        private async Task ReadAheadAsync(CancellationToken cancellationToken)
        {
            byte[]? buffer = null;
            var filled = 0;
            try
            {
                while (true)
                {
                    await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
                    buffer = _spare.TryDequeue(out var reused) ? reused : new byte[_bufferSize];
                    filled = 0;
                    while (filled < buffer.Length)
                    {
                        var n = await _source.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                        if (n == 0) break;
                        filled += n;
                    }
                    Publish(new Segment(buffer, filled, null));
                    buffer = null;
                    if (filled == 0) return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Disposed before the end: nobody reads on.
            }
            catch (Exception e)
            {
                // The bytes that came before the failure are the consumer's too (a digest check fails only at the end).
                if (buffer != null && filled > 0) Publish(new Segment(buffer, filled, null));
                Publish(new Segment(null, 0, ExceptionDispatchInfo.Capture(e)));
            }
        }

        private void Publish(Segment segment)
        {
            _ready.Enqueue(segment);
            _filled.Release();
        }

        private sealed class Segment
        {
            public Segment(byte[]? buffer, int count, ExceptionDispatchInfo? error)
            {
                Buffer = buffer;
                Count = count;
                Error = error;
            }

            public byte[]? Buffer { get; }

            public int Count { get; }

            public ExceptionDispatchInfo? Error { get; }
        }
    }
}
