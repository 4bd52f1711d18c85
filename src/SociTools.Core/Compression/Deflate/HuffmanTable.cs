using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>
    /// A canonical Huffman code as deflate uses it: a direct lookup for short codes (entry =
    /// symbol &lt;&lt; 4 | length, 0 = not in the table) and a canonical walk for the rare long ones.
    /// </summary>
    internal sealed class HuffmanTable
    {
        private const int MaxCodeLength = 15;

        private readonly int[] _countPerLength = new int[MaxCodeLength + 1];
        private readonly int[] _symbolsByCode;

        public HuffmanTable(int primaryBits, int maxSymbols)
        {
            PrimaryBits = primaryBits;
            PrimaryMask = (1 << primaryBits) - 1;
            Entries = new int[1 << primaryBits];
            _symbolsByCode = new int[maxSymbols];
        }

        public int PrimaryBits { get; }

        public int PrimaryMask { get; }

        public int[] Entries { get; }

        /// <summary>Rebuilds the table; returns an error text (null when the lengths form a usable code).</summary>
        public string? Build(ReadOnlySpan<byte> lengths, bool allowSingleIncompleteCode)
        {
            Array.Clear(_countPerLength, 0, _countPerLength.Length);
            foreach (var length in lengths) _countPerLength[length]++;
            _countPerLength[0] = 0;

            var maxLength = 0;
            for (var len = 1; len <= MaxCodeLength; len++) if (_countPerLength[len] != 0) maxLength = len;

            var left = 1;
            for (var len = 1; len <= MaxCodeLength; len++)
            {
                left <<= 1;
                left -= _countPerLength[len];
                if (left < 0) return "over-subscribed Huffman code";
            }
            // zlib accepts an incomplete code only when it is a single one-bit code (or empty) for literals/distances.
            if (left > 0 && (!allowSingleIncompleteCode || maxLength > 1)) return "incomplete Huffman code";

            Span<int> offsets = stackalloc int[MaxCodeLength + 2];
            for (var len = 1; len <= MaxCodeLength; len++) offsets[len + 1] = offsets[len] + _countPerLength[len];
            for (var symbol = 0; symbol < lengths.Length; symbol++)
            {
                if (lengths[symbol] != 0) _symbolsByCode[offsets[lengths[symbol]]++] = symbol;
            }

            Array.Clear(Entries, 0, Entries.Length);
            Span<int> nextCode = stackalloc int[MaxCodeLength + 1];
            var code = 0;
            for (var len = 1; len <= MaxCodeLength; len++)
            {
                code = (code + _countPerLength[len - 1]) << 1;
                nextCode[len] = code;
            }
            for (var symbol = 0; symbol < lengths.Length; symbol++)
            {
                int len = lengths[symbol];
                if (len == 0) continue;
                var assigned = nextCode[len]++;
                if (len > PrimaryBits) continue;
                var reversed = Reverse(assigned, len);
                var entry = (symbol << 4) | len;
                for (var index = reversed; index < Entries.Length; index += 1 << len) Entries[index] = entry;
            }
            return null;
        }

        /// <summary>Decodes a code longer than the primary table (or reports -1 for an invalid code).</summary>
        public int DecodeSlow(ulong bits, out int length)
        {
            int code = 0, first = 0, index = 0;
            for (var len = 1; len <= MaxCodeLength; len++)
            {
                code |= (int)(bits & 1);
                bits >>= 1;
                var count = _countPerLength[len];
                if (code - first < count)
                {
                    length = len;
                    return _symbolsByCode[index + code - first];
                }
                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }
            length = 0;
            return -1;
        }

        private static int Reverse(int code, int length)
        {
            var result = 0;
            for (var i = 0; i < length; i++)
            {
                result = (result << 1) | (code & 1);
                code >>= 1;
            }
            return result;
        }
    }
}
