using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>One platform manifest of an image to convert, present locally, with the platform it runs on.</summary>
    public sealed class SociPlatformManifest
    {
        public SociPlatformManifest(Descriptor descriptor, Manifest manifest, Platform? platform)
        {
            Descriptor = descriptor;
            Manifest = manifest;
            Platform = platform;
        }

        public Descriptor Descriptor { get; }
        public Manifest Manifest { get; }

        /// <summary>From the index entry, or from the image config for a single-manifest image; null when the index entry has none.</summary>
        public Platform? Platform { get; }
    }
}
