using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// A range of a layer read through a <see cref="SpanDigestVerifier"/>: each span is checked as its last byte passes,
    /// and the range ending before its last span is complete is an error too.
    /// </summary>
    internal sealed class SpanCheckingStream : Stream
    {
        private readonly Stream _inner;
        private readonly SpanDigestVerifier _verifier;
        private long _offset;

        /// <param name="offset">Where <paramref name="inner"/> starts in the layer.</param>
        public SpanCheckingStream(Stream inner, SpanDigestVerifier verifier, long offset)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
            _offset = offset;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Pass(buffer, offset, count, _inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Pass(buffer, offset, count, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        private int Pass(byte[] buffer, int offset, int asked, int read)
        {
            if (read > 0)
            {
                _verifier.Observe(_offset, buffer, offset, read);
                _offset += read;
            }
            else if (asked > 0)
            {
                _verifier.EnsureComplete();
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _verifier.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
