using System;

namespace SociTools.Core.Tar
{
    /// <summary>The fields of one 512-byte tar header block, decoded as Go's <c>tar.Reader.readHeader</c> does.</summary>
    internal sealed class TarHeaderBlock
    {
        public const int BlockSize = 512;

        private static readonly byte[] UstarMagic = { (byte)'u', (byte)'s', (byte)'t', (byte)'a', (byte)'r', 0 };
        private static readonly byte[] GnuMagic = { (byte)'u', (byte)'s', (byte)'t', (byte)'a', (byte)'r', (byte)' ' };
        private static readonly byte[] GnuVersion = { (byte)' ', 0 };
        private static readonly byte[] StarTrailer = { (byte)'t', (byte)'a', (byte)'r', 0 };

        private enum Format { V7, UstarOrPax, Star, Gnu }

        public byte Typeflag { get; private set; }
        public RawString Name { get; private set; }
        public RawString Linkname { get; private set; }
        public long Size { get; private set; }
        public long Mode { get; private set; }
        public long Uid { get; private set; }
        public long Gid { get; private set; }
        public long ModTimeSeconds { get; private set; }
        public RawString Uname { get; private set; }
        public RawString Gname { get; private set; }
        public long DevMajor { get; private set; }
        public long DevMinor { get; private set; }

        public static bool IsZeroBlock(ReadOnlySpan<byte> block)
        {
            foreach (var b in block)
            {
                if (b != 0) return false;
            }
            return true;
        }

        /// <summary>Decodes a header block at <paramref name="offset"/>; throws <see cref="SociFormatException"/> where Go returns <c>ErrHeader</c>.</summary>
        public static TarHeaderBlock Parse(ReadOnlySpan<byte> block, long offset)
        {
            var format = DetectFormat(block, offset);
            var parser = new FieldParser();
            var header = new TarHeaderBlock
            {
                Typeflag = block[156],
                Name = CString(block.Slice(0, 100)),
                Linkname = CString(block.Slice(157, 100)),
                Size = parser.Numeric(block.Slice(124, 12)),
                Mode = parser.Numeric(block.Slice(100, 8)),
                Uid = parser.Numeric(block.Slice(108, 8)),
                Gid = parser.Numeric(block.Slice(116, 8)),
                ModTimeSeconds = parser.Numeric(block.Slice(136, 12)),
            };
            if (format != Format.V7)
            {
                header.Uname = CString(block.Slice(265, 32));
                header.Gname = CString(block.Slice(297, 32));
                header.DevMajor = parser.Numeric(block.Slice(329, 8));
                header.DevMinor = parser.Numeric(block.Slice(337, 8));
                var prefix = RawString.Empty;
                switch (format)
                {
                    case Format.UstarOrPax:
                        prefix = CString(block.Slice(345, 155));
                        break;
                    case Format.Star:
                        prefix = CString(block.Slice(345, 131));
                        parser.Numeric(block.Slice(476, 12));
                        parser.Numeric(block.Slice(488, 12));
                        break;
                    case Format.Gnu:
                        // Go reads headers of pre-1.8 Go writers, whose GNU atime/ctime hold a USTAR prefix.
                        var timeParser = new FieldParser();
                        if (block[345] != 0) timeParser.Numeric(block.Slice(345, 12));
                        if (block[357] != 0) timeParser.Numeric(block.Slice(357, 12));
                        if (timeParser.Failed)
                        {
                            var legacyPrefix = CString(block.Slice(345, 155));
                            if (IsAscii(legacyPrefix)) prefix = legacyPrefix;
                        }
                        break;
                }
                if (!prefix.IsEmpty) header.Name = Concat(prefix, header.Name);
            }
            if (parser.Failed)
            {
                throw new SociFormatException($"Tar header at offset {offset} has a numeric field that is not valid octal or base-256.");
            }
            return header;
        }

        private static Format DetectFormat(ReadOnlySpan<byte> block, long offset)
        {
            var parser = new FieldParser();
            var stored = parser.Octal(block.Slice(148, 8));
            long unsignedSum = 0, signedSum = 0;
            for (var i = 0; i < BlockSize; i++)
            {
                var b = i >= 148 && i < 156 ? (byte)' ' : block[i];
                unsignedSum += b;
                signedSum += (sbyte)b;
            }
            if (parser.Failed || (stored != unsignedSum && stored != signedSum))
            {
                throw new SociFormatException($"Tar header at offset {offset} is not valid: its checksum does not match (the input is not a tar archive, or it is corrupt).");
            }
            var magic = block.Slice(257, 6);
            if (magic.SequenceEqual(UstarMagic))
            {
                return block.Slice(508, 4).SequenceEqual(StarTrailer) ? Format.Star : Format.UstarOrPax;
            }
            return magic.SequenceEqual(GnuMagic) && block.Slice(263, 2).SequenceEqual(GnuVersion) ? Format.Gnu : Format.V7;
        }

        /// <summary>Go's <c>parseString</c>: the bytes up to the first NUL.</summary>
        public static RawString CString(ReadOnlySpan<byte> field)
        {
            var nul = field.IndexOf((byte)0);
            return RawString.FromSpan(nul >= 0 ? field.Slice(0, nul) : field);
        }

        private static RawString Concat(RawString prefix, RawString name)
        {
            var bytes = new byte[prefix.Length + 1 + name.Length];
            prefix.Bytes.CopyTo(bytes, 0);
            bytes[prefix.Length] = (byte)'/';
            name.Bytes.CopyTo(bytes, prefix.Length + 1);
            return new RawString(bytes);
        }

        private static bool IsAscii(RawString text)
        {
            foreach (var b in text.Bytes)
            {
                if (b >= 0x80) return false;
            }
            return true;
        }

        /// <summary>Go's tar numeric field parser: base-256 when the top bit is set, else octal; errors are remembered, not thrown.</summary>
        private sealed class FieldParser
        {
            public bool Failed { get; private set; }

            public long Numeric(ReadOnlySpan<byte> field)
            {
                if (field.Length == 0 || (field[0] & 0x80) == 0) return Octal(field);
                var invert = (field[0] & 0x40) != 0 ? (byte)0xff : (byte)0;
                ulong value = 0;
                for (var i = 0; i < field.Length; i++)
                {
                    var c = (byte)(field[i] ^ invert);
                    if (i == 0) c &= 0x7f;
                    if ((value >> 56) > 0) return Fail();
                    value = value << 8 | (ulong)c;
                }
                if ((value >> 63) > 0) return Fail();
                return invert == 0xff ? ~(long)value : (long)value;
            }

            public long Octal(ReadOnlySpan<byte> field)
            {
                var start = 0;
                var end = field.Length;
                while (start < end && (field[start] == ' ' || field[start] == 0)) start++;
                while (end > start && (field[end - 1] == ' ' || field[end - 1] == 0)) end--;
                var digits = field.Slice(start, end - start);
                var nul = digits.IndexOf((byte)0);
                if (nul >= 0) digits = digits.Slice(0, nul);
                if (digits.Length == 0) return start == end ? 0 : Fail();
                ulong value = 0;
                foreach (var c in digits)
                {
                    if (c < '0' || c > '7' || (value >> 61) > 0) return Fail();
                    value = value << 3 | (byte)(c - '0');
                }
                return unchecked((long)value);
            }

            private long Fail()
            {
                Failed = true;
                return 0;
            }
        }
    }
}
