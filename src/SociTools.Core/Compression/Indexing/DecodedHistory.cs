using System;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>A ring of the most recent uncompressed bytes, from which checkpoint windows are copied.</summary>
    internal sealed class DecodedHistory
    {
        public DecodedHistory(int capacityPowerOfTwo)
        {
            Buffer = new byte[capacityPowerOfTwo];
        }

        public byte[] Buffer { get; }

        public int Capacity => Buffer.Length;

        /// <summary>How many uncompressed bytes have been written through the ring.</summary>
        public long DecodedLength { get; private set; }

        /// <summary>Where the next decoded bytes go, and how many fit before the ring wraps.</summary>
        public int WriteIndex => (int)(DecodedLength & (Buffer.Length - 1));

        public int ContiguousSpace => Buffer.Length - WriteIndex;

        public void Advance(int count) => DecodedLength += count;

        public void CopyWindowBefore(long uncompressedOffset, byte[] window)
        {
            var start = uncompressedOffset - window.Length;
            var destination = 0;
            if (start < 0)
            {
                destination = (int)-start;
                Array.Clear(window, 0, destination);
                start = 0;
            }
            while (destination < window.Length)
            {
                var index = (int)(start & (Buffer.Length - 1));
                var step = Math.Min(window.Length - destination, Buffer.Length - index);
                System.Buffer.BlockCopy(Buffer, index, window, destination, step);
                destination += step;
                start += step;
            }
        }
    }
}
