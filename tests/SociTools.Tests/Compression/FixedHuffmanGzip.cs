using System;
using System.IO;

namespace SociTools.Tests.Compression
{
    /// <summary>
    /// A gzip encoder written out in the tests, so the compressed bytes are the same on every runtime (GZipStream's are
    /// not: each runtime's zlib chooses its own blocks, and only .NET Core's Flush ends one). Literals only, in
    /// fixed-Huffman blocks of a chosen size, so blocks end mid-byte as real encoders' blocks do.
    /// </summary>
    internal static class FixedHuffmanGzip
    {
        private static readonly byte[] Header = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };

        /// <summary>One gzip member holding <paramref name="data"/>, a block ending after every <paramref name="blockSize"/> bytes.</summary>
        public static byte[] Member(byte[] data, int blockSize)
        {
            if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
            var output = new MemoryStream();
            output.Write(Header, 0, Header.Length);
            var bits = new BitWriter(output);
            var offset = 0;
            do
            {
                var length = Math.Min(blockSize, data.Length - offset);
                var final = offset + length == data.Length;
                bits.Write(final ? 1u : 0u, 1);
                bits.Write(1, 2);
                for (var i = offset; i < offset + length; i++) WriteLiteral(bits, data[i]);
                WriteCode(bits, 0, 7);
                offset += length;
            }
            while (offset < data.Length);
            bits.FlushToByte();
            var trailer = GzipFixtures.Trailer(GzipFixtures.Crc32(data), (uint)data.Length);
            output.Write(trailer, 0, trailer.Length);
            return output.ToArray();
        }

        private static void WriteLiteral(BitWriter bits, byte literal)
        {
            if (literal < 144) WriteCode(bits, 0x30u + literal, 8);
            else WriteCode(bits, 0x190u + (uint)(literal - 144), 9);
        }

        /// <summary>Huffman codes go most significant bit first into deflate's least-significant-first bit stream.</summary>
        private static void WriteCode(BitWriter bits, uint code, int length)
        {
            uint reversed = 0;
            for (var i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
            bits.Write(reversed, length);
        }

        private sealed class BitWriter
        {
            private readonly Stream _output;
            private uint _buffer;
            private int _count;

            public BitWriter(Stream output) => _output = output;

            public void Write(uint value, int length)
            {
                _buffer |= value << _count;
                _count += length;
                while (_count >= 8)
                {
                    _output.WriteByte((byte)_buffer);
                    _buffer >>= 8;
                    _count -= 8;
                }
            }

            public void FlushToByte()
            {
                if (_count > 0) _output.WriteByte((byte)_buffer);
                _buffer = 0;
                _count = 0;
            }
        }
    }
}
