using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Compression
{
    /// <summary>What one indexing pass over a gzip layer found: soci's checkpoints and span digests, and the sizes.</summary>
    public sealed class GzipIndex
    {
        public GzipIndex(IReadOnlyList<Checkpoint> checkpoints, IReadOnlyList<Digest> spanDigests, long compressedSize, long uncompressedSize, long spanSize)
        {
            Checkpoints = checkpoints;
            SpanDigests = spanDigests;
            CompressedSize = compressedSize;
            UncompressedSize = uncompressedSize;
            SpanSize = spanSize;
        }

        public IReadOnlyList<Checkpoint> Checkpoints { get; }

        /// <summary>One <c>sha256:</c> digest per span, over the span's compressed bytes (§2.3).</summary>
        public IReadOnlyList<Digest> SpanDigests { get; }

        public long CompressedSize { get; }

        public long UncompressedSize { get; }

        public long SpanSize { get; }
    }
}
