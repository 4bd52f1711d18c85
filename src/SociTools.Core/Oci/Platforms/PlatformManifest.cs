namespace SociTools.Core.Oci.Platforms
{
    /// <summary>One platform's image manifest, with the descriptor that points at it.</summary>
    public sealed class PlatformManifest
    {
        public PlatformManifest(Descriptor descriptor, Manifest manifest, Platform? platform)
        {
            Descriptor = descriptor;
            Manifest = manifest;
            Platform = platform;
        }

        public Descriptor Descriptor { get; }

        public Manifest Manifest { get; }

        /// <summary>The platform from the index entry or the image config; null when neither says.</summary>
        public Platform? Platform { get; }

        public override string ToString() => $"{Platform?.ToString() ?? "unknown platform"} {Descriptor.Digest}";
    }
}
