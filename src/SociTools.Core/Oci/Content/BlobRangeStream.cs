using System;
using System.IO;

namespace SociTools.Core.Oci.Content
{
    /// <summary>A read-only window of <c>length</c> bytes from <c>offset</c> of a seekable stream it owns.</summary>
    public sealed class BlobRangeStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _length;
        private long _position;

        public BlobRangeStream(Stream inner, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > inner.Length)
            {
                throw new SociFormatException($"Range {offset}+{length} lies outside the {inner.Length}-byte blob; the zTOC does not match this layer.");
            }
            _inner = inner;
            _inner.Seek(offset, SeekOrigin.Begin);
            _length = length;
        }

        public static Stream OpenFile(string path, long offset, long length) =>
            new BlobRangeStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false), offset, length);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var toRead = (int)Math.Min(count, _length - _position);
            if (toRead <= 0) return 0;
            var n = _inner.Read(buffer, offset, toRead);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
