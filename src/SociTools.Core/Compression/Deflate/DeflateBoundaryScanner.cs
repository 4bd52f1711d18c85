using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>
    /// Walks a (multi-member) gzip stream's deflate bits only to find block boundaries and how
    /// much output precedes each: it decodes every Huffman symbol but copies no bytes.
    /// </summary>
    internal sealed class DeflateBoundaryScanner
    {
        private static readonly DeflateCodeTables FixedTables = DeflateCodeTables.CreateFixed();

        private readonly DeflateBitInput _input;
        private readonly IBoundaryListener _listener;
        private readonly IGzipMemberListener? _members;
        private readonly DeflateCodeTables _dynamicTables = new DeflateCodeTables();
        private readonly System.Collections.Generic.List<GzipMemberEnd> _memberEnds = new System.Collections.Generic.List<GzipMemberEnd>();
        private long _output;

        public DeflateBoundaryScanner(DeflateBitInput input, IBoundaryListener listener, IGzipMemberListener? members = null)
        {
            _input = input;
            _listener = listener;
            _members = members;
        }

        /// <summary>Where each member scanned so far ends, in order.</summary>
        public System.Collections.Generic.IReadOnlyList<GzipMemberEnd> MemberEnds => _memberEnds;

        /// <summary>Scans to the end of the stream and returns the total uncompressed length.</summary>
        public long Scan()
        {
            var memberCount = 0;
            while (memberCount == 0 || !_input.AtEndOfStream())
            {
                GzipFraming.SkipHeader(_input);
                memberCount++;
                _members?.OnScannedTo(_input.BufferBase + _input.Position);
                _listener.OnBoundary(_input.BufferBase + _input.Position, _output, 0);
                var memberStart = _output;
                bool final;
                do
                {
                    final = ScanBlock();
                    if (!final)
                    {
                        var endBit = _input.BitPosition;
                        var compressedOffset = (endBit + 7) / 8;
                        _listener.OnBoundary(compressedOffset, _output, (byte)(compressedOffset * 8 - endBit));
                    }
                    _listener.OnProgress(_output);
                    _members?.OnScannedTo(_input.BitPosition / 8);
                }
                while (!final);
                _memberEnds.Add(new GzipMemberEnd(GzipFraming.ReadTrailer(_input, _output - memberStart), _output));
                _members?.OnMemberEnd(_input.BufferBase + _input.Position);
            }
            _listener.OnProgress(_output);
            return _output;
        }

        private bool ScanBlock()
        {
            var blockOffset = _input.BitPosition / 8;
            var header = _input.ReadBits(3);
            var final = (header & 1) != 0;
            switch (header >> 1)
            {
                case 0:
                    ScanStoredBlock();
                    break;
                case 1:
                    _output += ScanCodedBlock(FixedTables);
                    break;
                case 2:
                    _dynamicTables.ReadDynamicHeader(_input);
                    _output += ScanCodedBlock(_dynamicTables);
                    break;
                default:
                    throw DeflateCodeTables.Corrupt(blockOffset, "invalid block type 3");
            }
            return final;
        }

        private void ScanStoredBlock()
        {
            var length = _input.ReadStoredBlockLength();
            _input.SkipBytes(length, "a stored block", skipped =>
            {
                _output += skipped;
                _listener.OnProgress(_output);
                _members?.OnScannedTo(_input.BufferBase + _input.Position + skipped);
            });
        }

        /// <summary>The hot loop: counts the output of one Huffman-coded block, stopping after its end-of-block code.</summary>
        private unsafe long ScanCodedBlock(DeflateCodeTables tables)
        {
            var input = _input;
            var literals = tables.Literals;
            var distances = tables.Distances;
            var literalMask = (ulong)literals.PrimaryMask;
            var distanceMask = (ulong)distances.PrimaryMask;
            long produced = 0;
            fixed (byte* buffer = input.Buffer)
            fixed (int* literalTable = literals.Entries)
            fixed (int* distanceTable = distances.Entries)
            fixed (int* lengthBase = DeflateTables.LengthBase)
            fixed (int* lengthExtra = DeflateTables.LengthExtraBits)
            fixed (int* distanceExtra = DeflateTables.DistanceExtraBits)
            {
                var bits = input.BitBuffer;
                var bitCount = input.BitCount;
                var position = input.Position;
                var safeEnd = input.SafeEnd;
                while (true)
                {
                    if (position > safeEnd)
                    {
                        input.BitBuffer = bits;
                        input.BitCount = bitCount;
                        input.Position = position;
                        _listener.OnProgress(_output + produced);
                        _members?.OnScannedTo(input.BitPosition / 8);
                        input.Replenish();
                        bits = input.BitBuffer;
                        bitCount = input.BitCount;
                        position = input.Position;
                        safeEnd = input.SourceEnded ? input.End : input.SafeEnd;
                        if (input.SourceEnded && position > safeEnd) safeEnd = position;
                    }
                    // A literal/length code and its extra bits need at most 20 bits; a refill gives 56 or more.
                    if (bitCount < 20)
                    {
                        bits |= *(ulong*)(buffer + position) << bitCount;
                        position += (63 - bitCount) >> 3;
                        bitCount |= 56;
                    }

                    var entry = literalTable[bits & literalMask];
                    int length = entry & 15;
                    int symbol;
                    if (length != 0)
                    {
                        symbol = entry >> 4;
                    }
                    else
                    {
                        symbol = literals.DecodeSlow(bits, out length);
                        if (symbol < 0) throw CorruptAt(input, position, bitCount, "invalid literal/length code");
                    }
                    bits >>= length;
                    bitCount -= length;
                    if (symbol < 256)
                    {
                        produced++;
                        continue;
                    }
                    if (symbol == DeflateTables.EndOfBlock) break;
                    symbol -= 257;
                    if (symbol >= DeflateTables.LengthCodeCount) throw CorruptAt(input, position, bitCount, "invalid literal/length code");
                    var extra = lengthExtra[symbol];
                    produced += lengthBase[symbol] + (int)(bits & ((1UL << extra) - 1));
                    bits >>= extra;
                    bitCount -= extra;

                    // A distance code and its extra bits need at most 28 bits.
                    if (bitCount < 28)
                    {
                        bits |= *(ulong*)(buffer + position) << bitCount;
                        position += (63 - bitCount) >> 3;
                        bitCount |= 56;
                    }
                    entry = distanceTable[bits & distanceMask];
                    length = entry & 15;
                    if (length != 0)
                    {
                        symbol = entry >> 4;
                    }
                    else
                    {
                        symbol = distances.DecodeSlow(bits, out length);
                        if (symbol < 0) throw CorruptAt(input, position, bitCount, "invalid distance code");
                    }
                    if (symbol >= DeflateTables.DistanceCodeCount) throw CorruptAt(input, position, bitCount, "invalid distance code");
                    length += distanceExtra[symbol];
                    bits >>= length;
                    bitCount -= length;
                }
                input.BitBuffer = bits;
                input.BitCount = bitCount;
                input.Position = position;
            }
            input.CheckOverrun();
            return produced;
        }

        private static SociFormatException CorruptAt(DeflateBitInput input, int position, int bitCount, string problem) =>
            DeflateCodeTables.Corrupt((input.BufferBase + position) - bitCount / 8, problem);
    }
}
