using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using SociTools.Core.IO;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// Decodes a (multi-member) gzip stream one member at a time, each through a new <see cref="GZipStream"/> that sees
    /// exactly that member's bytes. .NET Framework's and Mono's GZipStream stop after the first member and .NET Core's
    /// goes on to the next; given one member each, they all decode the same bytes.
    /// </summary>
    internal sealed class MemberwiseGzipStream : ForwardReadStream
    {
        private readonly Stream _compressed;
        private readonly GzipMemberEnds _memberEnds;
        private readonly CancellationToken _cancellation;
        private readonly bool _leaveOpen;
        private long _compressedPosition;
        private bool _compressedReadFailed;
        private int _member;
        private GZipStream? _decoder;
        private bool _ended;

        /// <param name="compressed">The gzip bytes from offset 0, read forward only.</param>
        /// <param name="memberEnds">Where the members end, filled by a scan of the same bytes (ahead of this reader or done).</param>
        public MemberwiseGzipStream(Stream compressed, GzipMemberEnds memberEnds, bool leaveOpen, CancellationToken cancellation)
        {
            _compressed = compressed ?? throw new ArgumentNullException(nameof(compressed));
            _memberEnds = memberEnds ?? throw new ArgumentNullException(nameof(memberEnds));
            _leaveOpen = leaveOpen;
            _cancellation = cancellation;
        }

        /// <exception cref="InvalidDataException">The native decoder rejected a member (bad deflate data, CRC32 or length).</exception>
        public override int Read(byte[] buffer, int offset, int count)
        {
            while (!_ended)
            {
                _decoder ??= new GZipStream(new MemberSlice(this, _member), CompressionMode.Decompress, leaveOpen: false);
                int read;
                try
                {
                    read = _decoder.Read(buffer, offset, count);
                }
                catch (IOException error) when (!_compressedReadFailed)
                {
                    // Mono's GZipStream reports rejected data as a plain IOException (.NET's as InvalidDataException).
                    throw new InvalidDataException(error.Message, error);
                }
                if (read > 0) return read;
                _decoder.Dispose();
                _decoder = null;
                SkipRestOfMember();
                if (_memberEnds.HasMemberAfter(_member, _cancellation)) _member++;
                else _ended = true;
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _decoder?.Dispose();
                if (!_leaveOpen) _compressed.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>Keeps the next member aligned even if a decoder finished before its member's last byte; the scan judges such data.</summary>
        private void SkipRestOfMember()
        {
            var discard = new byte[8192];
            var rest = new MemberSlice(this, _member);
            while (rest.Read(discard, 0, discard.Length) > 0)
            {
            }
        }

        private int ReadCompressed(int member, byte[] buffer, int offset, int count)
        {
            var limit = _memberEnds.ReadableLimit(member, _compressedPosition, _cancellation);
            var allowed = (int)Math.Min(count, limit - _compressedPosition);
            if (allowed <= 0) return 0;
            int read;
            try
            {
                read = _compressed.Read(buffer, offset, allowed);
            }
            catch (IOException)
            {
                _compressedReadFailed = true;
                throw;
            }
            _compressedPosition += read;
            return read;
        }

        /// <summary>The compressed bytes of one member: reads end at the member's end, never past it into the next.</summary>
        private sealed class MemberSlice : ForwardReadStream
        {
            private readonly MemberwiseGzipStream _owner;
            private readonly int _member;

            public MemberSlice(MemberwiseGzipStream owner, int member)
            {
                _owner = owner;
                _member = member;
            }

            public override int Read(byte[] buffer, int offset, int count) => _owner.ReadCompressed(_member, buffer, offset, count);
        }
    }
}
