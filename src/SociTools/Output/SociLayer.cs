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
        public string ImageManifestDigest { get; set; } = "";
        public string? Platform { get; set; }

        public override string ToString() => Indexed ? $"{Digest} indexed" : $"{Digest} skipped: {SkipReason}";
    }
}
