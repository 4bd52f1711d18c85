using System;
using System.IO;

namespace SociTools.Tests.Registry
{
    /// <summary>Content that can be read once, front to back, like a layer streamed from an archive.</summary>
    public sealed class OneWayStream : Stream
    {
        private readonly Stream _inner;

        public OneWayStream(byte[] content) => _inner = new MemoryStream(content, writable: false);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
