using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>The literal/length and distance codes of one compressed block (fixed or read from a dynamic header).</summary>
    internal sealed class DeflateCodeTables
    {
        public const int LiteralPrimaryBits = 10;
        public const int DistancePrimaryBits = 10;

        private readonly HuffmanTable _codeLengthCode = new HuffmanTable(7, 19);
        private readonly byte[] _lengths = new byte[288 + 32];
        private readonly byte[] _codeLengthLengths = new byte[19];

        public HuffmanTable Literals { get; } = new HuffmanTable(LiteralPrimaryBits, 288);

        public HuffmanTable Distances { get; } = new HuffmanTable(DistancePrimaryBits, 32);

        public static DeflateCodeTables CreateFixed()
        {
            var tables = new DeflateCodeTables();
            var lengths = new byte[288];
            for (var i = 0; i < 144; i++) lengths[i] = 8;
            for (var i = 144; i < 256; i++) lengths[i] = 9;
            for (var i = 256; i < 280; i++) lengths[i] = 7;
            for (var i = 280; i < 288; i++) lengths[i] = 8;
            tables.Literals.Build(lengths, true);
            // 32 five-bit codes make the fixed code complete; symbols 30 and 31 are rejected when decoded.
            var distanceLengths = new byte[32];
            for (var i = 0; i < 32; i++) distanceLengths[i] = 5;
            tables.Distances.Build(distanceLengths, true);
            return tables;
        }

        /// <summary>Reads a dynamic block's code description (after BFINAL/BTYPE) and builds both codes.</summary>
        public void ReadDynamicHeader(DeflateBitInput input)
        {
            var blockOffset = input.BitPosition / 8;
            var literalCount = input.ReadBits(5) + 257;
            var distanceCount = input.ReadBits(5) + 1;
            var codeLengthCount = input.ReadBits(4) + 4;
            if (literalCount > 286 || distanceCount > 30)
            {
                throw Corrupt(blockOffset, "too many length or distance symbols");
            }

            Array.Clear(_codeLengthLengths, 0, _codeLengthLengths.Length);
            for (var i = 0; i < codeLengthCount; i++) _codeLengthLengths[DeflateTables.CodeLengthOrder[i]] = (byte)input.ReadBits(3);
            var error = _codeLengthCode.Build(_codeLengthLengths, false);
            if (error != null) throw Corrupt(blockOffset, "invalid code lengths set (" + error + ")");

            var total = literalCount + distanceCount;
            var index = 0;
            while (index < total)
            {
                var symbol = DecodeSymbol(input, _codeLengthCode);
                if (symbol < 0) throw Corrupt(blockOffset, "invalid code length code");
                if (symbol < 16)
                {
                    _lengths[index++] = (byte)symbol;
                    continue;
                }
                byte repeated = 0;
                int repeat;
                if (symbol == 16)
                {
                    if (index == 0) throw Corrupt(blockOffset, "invalid bit length repeat");
                    repeated = _lengths[index - 1];
                    repeat = 3 + input.ReadBits(2);
                }
                else if (symbol == 17)
                {
                    repeat = 3 + input.ReadBits(3);
                }
                else
                {
                    repeat = 11 + input.ReadBits(7);
                }
                if (index + repeat > total) throw Corrupt(blockOffset, "invalid bit length repeat");
                while (repeat-- > 0) _lengths[index++] = repeated;
            }
            if (_lengths[DeflateTables.EndOfBlock] == 0) throw Corrupt(blockOffset, "invalid code: missing end-of-block");

            error = Literals.Build(_lengths.AsSpan(0, literalCount), true);
            if (error != null) throw Corrupt(blockOffset, "invalid literal/lengths set (" + error + ")");
            error = Distances.Build(_lengths.AsSpan(literalCount, distanceCount), true);
            if (error != null) throw Corrupt(blockOffset, "invalid distances set (" + error + ")");
        }

        /// <summary>Decodes one symbol through the bit input (the slower, general path); -1 for an invalid code.</summary>
        public static int DecodeSymbol(DeflateBitInput input, HuffmanTable table)
        {
            input.EnsureBits(15);
            var entry = table.Entries[(int)(input.BitBuffer & (ulong)table.PrimaryMask)];
            int length;
            int symbol;
            if (entry != 0)
            {
                length = entry & 15;
                symbol = entry >> 4;
            }
            else
            {
                symbol = table.DecodeSlow(input.BitBuffer, out length);
                if (symbol < 0) return -1;
            }
            input.BitBuffer >>= length;
            input.BitCount -= length;
            input.CheckOverrun();
            return symbol;
        }

        public static SociFormatException Corrupt(long offset, string problem) =>
            new SociFormatException($"The deflate data is corrupt near compressed offset {offset}: {problem}.");
    }
}
