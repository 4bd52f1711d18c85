using System;
using System.IO;
using System.Security.Cryptography;

namespace SociTools.Core.Oci.Content
{
    /// <summary>
    /// Passes content through while hashing it; at the end checks that exactly the expected
    /// number of bytes came and that their digest matches, and throws otherwise.
    /// </summary>
    public sealed class VerifyingStream : Stream
    {
        private readonly Stream _inner;
        private readonly Descriptor _expected;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly bool _leaveOpen;
        private readonly long _start;
        private long _read;
        private bool _verified;

        public VerifyingStream(Stream inner, Descriptor expected, bool leaveOpen = false)
        {
            _inner = inner;
            _expected = expected;
            _leaveOpen = leaveOpen;
            _start = inner.CanSeek ? inner.Position : 0;
        }

        public override bool CanRead => true;
        /// <summary>True over a seekable source, and then only to go back to the start (an upload that starts over).</summary>
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _expected.Size;
        public override long Position
        {
            get => _read;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var remaining = _expected.Size - _read;
            var toRead = (int)Math.Min(count, Math.Max(remaining, 1));
            var n = _inner.Read(buffer, offset, toRead);
            if (n > 0)
            {
                _read += n;
                if (_read > _expected.Size)
                {
                    throw new ContentVerificationException($"{_expected.Digest} is longer than its declared {_expected.Size} bytes.");
                }
                _hash.AppendData(buffer, offset, n);
                if (_read == _expected.Size) Verify();
                return n;
            }
            Verify();
            return 0;
        }

        private void Verify()
        {
            if (_verified) return;
            if (_read != _expected.Size)
            {
                throw new ContentVerificationException($"{_expected.Digest} ended after {_read} of its {_expected.Size} bytes.");
            }
            var actual = Digest.FromSha256Hash(_hash.GetHashAndReset());
            _verified = true;
            if (actual != _expected.Digest)
            {
                throw new ContentVerificationException($"Content of {_expected.Digest} has digest {actual}: it was corrupted or replaced.");
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin)
        {
            if (!_inner.CanSeek || offset != 0 || origin != SeekOrigin.Begin)
            {
                throw new NotSupportedException("Verified content can only be read again from its start.");
            }
            _inner.Position = _start;
            _hash.GetHashAndReset();
            _read = 0;
            _verified = false;
            return 0;
        }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
                if (!_leaveOpen) _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
