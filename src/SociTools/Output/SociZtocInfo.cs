using System.Collections.Generic;

namespace SociTools
{
    /// <summary>A zTOC in full, as <c>soci ztoc info</c> shows it: sizes, spans and every file.</summary>
    public sealed class SociZtocInfo
    {
        public string Digest { get; set; } = "";
        public long Size { get; set; }
        public string LayerDigest { get; set; } = "";
        public string IndexDigest { get; set; } = "";
        public string Version { get; set; } = "";
        public string BuildTool { get; set; } = "";
        public string Compression { get; set; } = "";
        public long? SpanSize { get; set; }
        public long CompressedArchiveSize { get; set; }
        public long UncompressedArchiveSize { get; set; }
        public int MaxSpanId { get; set; }
        public int SpanCount { get; set; }
        public IReadOnlyList<string> SpanDigests { get; set; } = new List<string>();
        public int FileCount { get; set; }
        public IReadOnlyList<SociZtocFile> Files { get; set; } = new List<SociZtocFile>();

        /// <summary>The OCI layout folder the zTOC was read from.</summary>
        public string LayoutPath { get; set; } = "";

        public override string ToString() => $"zTOC {Digest} for {LayerDigest}: {FileCount} files, {SpanCount} spans";
    }
}
