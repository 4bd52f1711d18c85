namespace SociTools
{
    /// <summary>One layer of an image as New-SociIndex saw it: indexed, or skipped and why.</summary>
    public sealed class SociLayer
    {
        public string Digest { get; set; } = "";
        public string MediaType { get; set; } = "";
        public long Size { get; set; }
        public bool Indexed { get; set; }
        public string? SkipReason { get; set; }
        public string? ZtocDigest { get; set; }
        /// <summary>The original image manifest the layer belongs to.</summary>
        public string ImageManifestDigest { get; set; } = "";
        public string? Platform { get; set; }

        /// <summary>The OCI layout folder the index was written to; null when it went to a registry.</summary>
        public string? LayoutPath { get; set; }

        public override string ToString() => Indexed ? $"{Digest} indexed" : $"{Digest} skipped: {SkipReason}";
    }
}
