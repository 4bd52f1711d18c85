using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>
    /// A little-endian bit reader over a compressed stream with absolute positions, zero padding
    /// past the end (so 8-byte refills never fault) and a precise truncation check.
    /// </summary>
    internal sealed class DeflateBitInput
    {
        public const int Padding = 32;

        private readonly ICompressedSource _source;

        public DeflateBitInput(ICompressedSource source, int capacity, long startOffset)
        {
            _source = source;
            Buffer = new byte[capacity + Padding];
            BufferBase = startOffset;
        }

        public byte[] Buffer { get; }

        /// <summary>Absolute offset of <c>Buffer[0]</c>.</summary>
        public long BufferBase { get; private set; }

        /// <summary>Index of the next byte not yet loaded into <see cref="BitBuffer"/>.</summary>
        public int Position;

        public int End { get; private set; }

        public ulong BitBuffer;

        public int BitCount;

        public bool SourceEnded { get; private set; }

        /// <summary>The last index from which two 8-byte refills in a row stay inside real data.</summary>
        public int SafeEnd => End - 16;

        /// <summary>Absolute bit position of the next unread bit.</summary>
        public long BitPosition => (BufferBase + Position) * 8 - BitCount;

        public long EndOffset => BufferBase + End;

        /// <summary>Loads more input when near the end of the buffer; throws when the stream is exhausted.</summary>
        public void Replenish()
        {
            if (!SourceEnded && Position > SafeEnd) Fill();
            CheckOverrun();
        }

        public void EnsureBits(int count)
        {
            while (BitCount < count)
            {
                if (Position > SafeEnd) Replenish();
                if (Position <= SafeEnd || SourceEnded)
                {
                    RefillFast();
                }
            }
        }

        /// <summary>Throws when the bits consumed so far run past the real end of the stream (into the zero padding).</summary>
        public void CheckOverrun()
        {
            if (SourceEnded && BitPosition > EndOffset * 8)
            {
                throw new SociFormatException($"The gzip stream is truncated: it ends at compressed offset {EndOffset} in the middle of deflate data.");
            }
        }

        public void RefillFast()
        {
            BitBuffer |= BitConverter.ToUInt64(Buffer, Position) << BitCount;
            Position += (63 - BitCount) >> 3;
            BitCount |= 56;
        }

        public int ReadBits(int count)
        {
            EnsureBits(count);
            var value = (int)(BitBuffer & ((1UL << count) - 1));
            BitBuffer >>= count;
            BitCount -= count;
            CheckOverrun();
            return value;
        }

        /// <summary>Drops the bits left in the current byte and hands unused whole bytes back to the buffer.</summary>
        public void AlignToByte()
        {
            var dropped = BitCount & 7;
            BitBuffer >>= dropped;
            BitCount -= dropped;
            Position -= BitCount >> 3;
            BitBuffer = 0;
            BitCount = 0;
        }

        /// <summary>Reads a stored block's LEN and NLEN (after BFINAL/BTYPE), leaving the input at its first data byte.</summary>
        public int ReadStoredBlockLength()
        {
            AlignToByte();
            var offset = BufferBase + Position;
            var length = ReadByte("a stored block header") | (ReadByte("a stored block header") << 8);
            var complement = ReadByte("a stored block header") | (ReadByte("a stored block header") << 8);
            if ((length ^ 0xFFFF) != complement) throw DeflateCodeTables.Corrupt(offset, "invalid stored block lengths");
            return length;
        }

        /// <summary>Reads one byte at a byte-aligned position (after <see cref="AlignToByte"/>); -1 at the end.</summary>
        public int ReadByteOrEnd()
        {
            if (Position >= End)
            {
                if (!SourceEnded) Fill();
                if (Position >= End) return -1;
            }
            return Buffer[Position++];
        }

        public int ReadByte(string what)
        {
            var value = ReadByteOrEnd();
            if (value < 0) throw new SociFormatException($"The gzip stream is truncated: it ends at compressed offset {EndOffset} inside {what}.");
            return value;
        }

        /// <summary>Skips whole bytes at a byte-aligned position, reporting each piece skipped.</summary>
        public void SkipBytes(long count, string what, Action<int>? onSkipped = null)
        {
            while (count > 0)
            {
                if (Position >= End)
                {
                    if (!SourceEnded) Fill();
                    if (Position >= End) throw new SociFormatException($"The gzip stream is truncated: it ends at compressed offset {EndOffset} inside {what}.");
                }
                var step = (int)Math.Min(count, End - Position);
                onSkipped?.Invoke(step);
                Position += step;
                count -= step;
            }
        }

        /// <summary>Copies whole bytes at a byte-aligned position.</summary>
        public void ReadBytes(Span<byte> destination, string what)
        {
            while (destination.Length > 0)
            {
                if (Position >= End)
                {
                    if (!SourceEnded) Fill();
                    if (Position >= End) throw new SociFormatException($"The gzip stream is truncated: it ends at compressed offset {EndOffset} inside {what}.");
                }
                var step = Math.Min(destination.Length, End - Position);
                Buffer.AsSpan(Position, step).CopyTo(destination);
                Position += step;
                destination = destination.Slice(step);
            }
        }

        /// <summary>True when no byte is left after the current byte-aligned position.</summary>
        public bool AtEndOfStream()
        {
            if (Position < End) return false;
            if (!SourceEnded) Fill();
            return Position >= End;
        }

        private void Fill()
        {
            var keep = End - Position;
            if (keep > 0) System.Buffer.BlockCopy(Buffer, Position, Buffer, 0, keep);
            BufferBase += Position;
            Position = 0;
            End = keep;
            var capacity = Buffer.Length - Padding;
            while (End < capacity)
            {
                var read = _source.Read(Buffer, End, capacity - End, BufferBase);
                if (read == 0)
                {
                    SourceEnded = true;
                    break;
                }
                End += read;
            }
            Array.Clear(Buffer, End, Buffer.Length - End);
        }
    }
}
