using System;
using System.Collections.Generic;

namespace SociTools.Core.Compression
{
    /// <summary>Maps uncompressed ranges to soci span ids and the compressed byte ranges that hold them (§2.3, §2.4).</summary>
    public sealed class GzipSpanLayout : IStoredSpans
    {
        private readonly IReadOnlyList<Checkpoint> _checkpoints;

        public GzipSpanLayout(IReadOnlyList<Checkpoint> checkpoints, long compressedSize, long uncompressedSize)
        {
            _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
            if (checkpoints.Count == 0) throw new SociFormatException("A gzip span layout needs at least one checkpoint.");
            CompressedSize = compressedSize;
            UncompressedSize = uncompressedSize;
        }

        public long CompressedSize { get; }

        public long UncompressedSize { get; }

        public int SpanCount => _checkpoints.Count;

        public int MaxSpanId => _checkpoints.Count - 1;

        public Checkpoint CheckpointOf(int spanId) => _checkpoints[CheckSpan(spanId)];

        /// <summary>The largest span id whose checkpoint starts at or before the offset.</summary>
        public int SpanIdOf(long uncompressedOffset)
        {
            int low = 0, high = _checkpoints.Count - 1;
            while (low < high)
            {
                var middle = low + (high - low + 1) / 2;
                if (_checkpoints[middle].UncompressedOffset <= uncompressedOffset) low = middle;
                else high = middle - 1;
            }
            return low;
        }

        public long StartCompressedOffset(int spanId)
        {
            var checkpoint = _checkpoints[CheckSpan(spanId)];
            return checkpoint.CompressedOffset - (checkpoint.Bits != 0 ? 1 : 0);
        }

        /// <summary>Exclusive end; it shares a byte with the next span when that span's checkpoint has bits.</summary>
        public long EndCompressedOffset(int spanId) =>
            CheckSpan(spanId) + 1 < _checkpoints.Count ? _checkpoints[spanId + 1].CompressedOffset : CompressedSize;

        public long StartUncompressedOffset(int spanId) => _checkpoints[CheckSpan(spanId)].UncompressedOffset;

        public long EndUncompressedOffset(int spanId) =>
            CheckSpan(spanId) + 1 < _checkpoints.Count ? _checkpoints[spanId + 1].UncompressedOffset : UncompressedSize;

        /// <summary>The spans soci reads for a range: span(offset) to span(offset + size), end included as soci does.</summary>
        public (int First, int Last) SpansCovering(long uncompressedOffset, long size)
        {
            if (uncompressedOffset < 0 || size < 0 || uncompressedOffset + size > UncompressedSize)
            {
                throw new ArgumentOutOfRangeException(nameof(uncompressedOffset),
                    $"The range [{uncompressedOffset}, {uncompressedOffset + size}) is outside the {UncompressedSize} uncompressed bytes.");
            }
            return (SpanIdOf(uncompressedOffset), SpanIdOf(uncompressedOffset + size));
        }

        /// <summary>The compressed bytes [Start, End) of spans first..last.</summary>
        public (long Start, long End) CompressedRange(int firstSpanId, int lastSpanId) =>
            (StartCompressedOffset(firstSpanId), EndCompressedOffset(lastSpanId));

        private int CheckSpan(int spanId)
        {
            if (spanId < 0 || spanId >= _checkpoints.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(spanId), spanId, $"Span ids run from 0 to {_checkpoints.Count - 1}.");
            }
            return spanId;
        }
    }
}
