using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>A SOCI index found in a layout or registry, with the image manifest it serves when known.</summary>
    public sealed class FoundSociIndex
    {
        public FoundSociIndex(Descriptor descriptor, SociIndex index, Digest? imageManifestDigest)
        {
            Descriptor = descriptor;
            Index = index;
            ImageManifestDigest = imageManifestDigest;
        }

        public Descriptor Descriptor { get; }
        public SociIndex Index { get; }
        public Digest? ImageManifestDigest { get; }
    }
}
