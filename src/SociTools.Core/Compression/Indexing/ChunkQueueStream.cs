using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>A read-only stream over queued compressed chunks, so the native gzip decoder can consume them.</summary>
    internal sealed class ChunkQueueStream : Stream
    {
        private readonly BlockingCollection<CompressedChunk> _queue;
        private readonly CancellationToken _cancellation;
        private CompressedChunk? _current;
        private int _currentPosition;
        private long _position;

        public ChunkQueueStream(BlockingCollection<CompressedChunk> queue, CancellationToken cancellation)
        {
            _queue = queue;
            _cancellation = cancellation;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_current == null || _currentPosition == _current.Length)
            {
                _current?.Release();
                _current = null;
                if (!_queue.TryTake(out var next, Timeout.Infinite, _cancellation)) return 0;
                _current = next;
                _currentPosition = 0;
            }
            var step = Math.Min(count, _current.Length - _currentPosition);
            Buffer.BlockCopy(_current.Data, _currentPosition, buffer, offset, step);
            _currentPosition += step;
            _position += step;
            return step;
        }

        /// <summary>Releases whatever the decoder did not read, so the producer is never left blocked.</summary>
        public void Drain()
        {
            _current?.Release();
            _current = null;
            while (_queue.TryTake(out var next, Timeout.Infinite, _cancellation)) next.Release();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
