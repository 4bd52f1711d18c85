namespace SociTools
{
    /// <summary>A file read through a zTOC, and how little of its layer that took.</summary>
    public sealed class SociFileExport
    {
        public string Name { get; set; } = "";
        public string Destination { get; set; } = "";
        public long Size { get; set; }
        public string LayerDigest { get; set; } = "";
        public long LayerSize { get; set; }
        public long CompressedBytesRead { get; set; }
        public int SpansRead { get; set; }

        /// <summary>True when the layer has no zTOC and was fetched whole rather than by spans.</summary>
        public bool LayerFetchedWhole { get; set; }

        public override string ToString() =>
            $"{Name} ({Size} bytes) -> {Destination}: read {CompressedBytesRead} of {LayerSize} compressed bytes";
    }
}
