namespace SociTools
{
    /// <summary>A zTOC of an index: which layer it describes, how many spans and files it holds.</summary>
    public sealed class SociZtoc
    {
        public string Digest { get; set; } = "";
        public long Size { get; set; }
        public string LayerDigest { get; set; } = "";
        public long LayerSize { get; set; }
        public string LayerMediaType { get; set; } = "";
        public int SpanCount { get; set; }
        public int FileCount { get; set; }

        /// <summary>The OCI layout folder that holds the zTOC; null in a registry.</summary>
        public string? LayoutPath { get; set; }

        public override string ToString() => $"{Digest} for {LayerDigest}: {FileCount} files, {SpanCount} spans";
    }
}
