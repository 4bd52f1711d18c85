using System;
using System.IO;

namespace SociTools.Core.Oci.Content
{
    /// <summary>Passes reads through and reports the running byte count, for upload progress.</summary>
    internal sealed class CountingReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly Action<long> _report;
        private long _count;

        public CountingReadStream(Stream inner, Action<long> report)
        {
            _inner = inner;
            _report = report;
        }

        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position
        {
            get => _count;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            if (n > 0)
            {
                _count += n;
                _report(_count);
            }
            return n;
        }

        public override void Flush() { }
        /// <summary>Only back to the start, for an upload that starts over; the count starts over too.</summary>
        public override long Seek(long offset, SeekOrigin origin)
        {
            if (offset != 0 || origin != SeekOrigin.Begin) throw new NotSupportedException("Only a seek back to the start is supported.");
            _inner.Position = 0;
            _count = 0;
            return 0;
        }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
