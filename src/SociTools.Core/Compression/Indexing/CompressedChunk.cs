using System.Buffers;
using System.Threading;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>A pooled piece of the compressed stream shared by the indexing workers; returned when all have released it.</summary>
    internal sealed class CompressedChunk
    {
        private int _holders;

        public CompressedChunk(int capacity, long offset, int holders)
        {
            Data = ArrayPool<byte>.Shared.Rent(capacity);
            Offset = offset;
            _holders = holders;
        }

        public byte[] Data { get; }

        public int Length { get; set; }

        /// <summary>Absolute offset of <c>Data[0]</c> in the compressed stream.</summary>
        public long Offset { get; }

        public long EndOffset => Offset + Length;

        public void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0) ArrayPool<byte>.Shared.Return(Data);
        }
    }
}
