namespace SociTools
{
    /// <summary>A layer or zTOC of a push: sent, or already in the registry.</summary>
    public sealed class SociPushedBlob
    {
        public string Digest { get; set; } = "";
        public string MediaType { get; set; } = "";
        public long Size { get; set; }

        /// <summary>Layer or Ztoc.</summary>
        public string Kind { get; set; } = "";
        public bool AlreadyPresent { get; set; }
        public string Destination { get; set; } = "";

        public override string ToString() => $"{Kind} {Digest} ({Size} bytes){(AlreadyPresent ? " already present" : " pushed")}";
    }
}
