using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Hosting
{
    /// <summary>Passes writes through and reports the running byte count, for extraction progress.</summary>
    internal sealed class CountingWriteStream : Stream
    {
        private readonly Stream _inner;
        private readonly Action<long> _report;
        private long _count;

        public CountingWriteStream(Stream inner, Action<long> report)
        {
            _inner = inner;
            _report = report;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _count;
        public override long Position { get => _count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            Advance(count);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            Advance(count);
        }

        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private void Advance(int count)
        {
            _count += count;
            _report(_count);
        }
    }
}
