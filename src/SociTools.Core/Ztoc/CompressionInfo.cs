using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Ztoc
{
    /// <summary>The zTOC part used for random access into the compressed blob (schema table <c>CompressionInfo</c>).</summary>
    public sealed class CompressionInfo
    {
        /// <summary>Gzip is the schema default and so is never written; an empty algorithm in soci gives the same bytes.</summary>
        public CompressionAlgorithm Algorithm { get; set; } = CompressionAlgorithm.Gzip;

        /// <summary>Number of spans minus one.</summary>
        public int MaxSpanId { get; set; }

        /// <summary>SHA-256 of each span's compressed bytes; an unparsable digest read from a zTOC is kept as an empty digest.</summary>
        public IReadOnlyList<Digest> SpanDigests { get; set; } = new Digest[0];

        /// <summary>The zinfo blob: gzip checkpoints, or a TarZinfo FlatBuffer for uncompressed layers.</summary>
        public byte[] Checkpoints { get; set; } = new byte[0];
    }
}
