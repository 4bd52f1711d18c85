using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Compression;

namespace SociTools.Core.Ztoc
{
    /// <summary>Where each span of a zTOC starts in the uncompressed layer, from its checkpoint blob.</summary>
    public static class ZtocSpans
    {
        public static IReadOnlyList<long> StartOffsets(ZtocDocument ztoc) =>
            ztoc.CompressionInfo.Algorithm == CompressionAlgorithm.Uncompressed
                ? TarZinfo.Parse(ztoc.CompressionInfo.Checkpoints).SpanStartOffsets()
                : GzipZinfo.Read(ztoc.CompressionInfo.Checkpoints).Checkpoints.Select(c => c.UncompressedOffset).ToList();
    }
}
