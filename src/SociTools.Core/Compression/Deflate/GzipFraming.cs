using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Reads and checks the RFC 1952 member header and trailer around each deflate stream.</summary>
    internal static class GzipFraming
    {
        private const int FlagHeaderCrc = 0x02;
        private const int FlagExtra = 0x04;
        private const int FlagName = 0x08;
        private const int FlagComment = 0x10;
        private const int ReservedFlags = 0xE0;

        /// <summary>Skips a member header at a byte-aligned position, leaving the input at the first deflate byte.</summary>
        public static void SkipHeader(DeflateBitInput input)
        {
            var start = input.BufferBase + input.Position;
            var id1 = input.ReadByteOrEnd();
            if (id1 < 0) throw new SociFormatException($"The gzip stream is empty or truncated: no member header at compressed offset {start}.");
            var id2 = input.ReadByte("a gzip member header");
            if (id1 != 0x1f || id2 != 0x8b)
            {
                throw new SociFormatException($"Not a gzip member at compressed offset {start}: expected the magic bytes 1f 8b, found {id1:x2} {id2:x2}.");
            }
            var method = input.ReadByte("a gzip member header");
            if (method != 8) throw new SociFormatException($"The gzip member at compressed offset {start} uses compression method {method}; only deflate (8) exists.");
            var flags = input.ReadByte("a gzip member header");
            if ((flags & ReservedFlags) != 0) throw new SociFormatException($"The gzip member at compressed offset {start} sets reserved header flags (0x{flags:x2}).");
            input.SkipBytes(6, "a gzip member header");
            if ((flags & FlagExtra) != 0)
            {
                var extraLength = input.ReadByte("a gzip extra field length") | (input.ReadByte("a gzip extra field length") << 8);
                input.SkipBytes(extraLength, "a gzip extra field");
            }
            if ((flags & FlagName) != 0) SkipZeroTerminated(input, "a gzip file name");
            if ((flags & FlagComment) != 0) SkipZeroTerminated(input, "a gzip comment");
            if ((flags & FlagHeaderCrc) != 0) input.SkipBytes(2, "a gzip header CRC");
        }

        /// <summary>Reads the 8-byte trailer after the final block, checks ISIZE against the member's output length, and returns where it was.</summary>
        public static long ReadTrailer(DeflateBitInput input, long memberOutputLength)
        {
            input.AlignToByte();
            var trailerOffset = input.BufferBase + input.Position;
            Span<byte> trailer = stackalloc byte[8];
            input.ReadBytes(trailer, "a gzip member trailer");
            var recordedSize = (uint)(trailer[4] | (trailer[5] << 8) | (trailer[6] << 16) | (trailer[7] << 24));
            var actualSize = (uint)memberOutputLength;
            if (recordedSize != actualSize)
            {
                throw new SociFormatException(
                    $"The gzip member trailer at compressed offset {trailerOffset} records a length (ISIZE) of {recordedSize} bytes, but the member decodes to {memberOutputLength} bytes (mod 2^32: {actualSize}).");
            }
            return trailerOffset;
        }

        private static void SkipZeroTerminated(DeflateBitInput input, string what)
        {
            while (input.ReadByte(what) != 0)
            {
            }
        }
    }
}
