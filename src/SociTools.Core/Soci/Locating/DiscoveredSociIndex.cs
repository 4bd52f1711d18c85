using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>A SOCI index found for one platform manifest of an image, and how it was found.</summary>
    public sealed class DiscoveredSociIndex
    {
        public DiscoveredSociIndex(FoundSociIndex found, PlatformManifest imageManifest, SociIndexFoundBy foundBy, Descriptor? sociEnabledImage)
        {
            Found = found;
            ImageManifest = imageManifest;
            FoundBy = foundBy;
            SociEnabledImage = sociEnabledImage;
        }

        public FoundSociIndex Found { get; }

        public Descriptor Descriptor => Found.Descriptor;

        public SociIndex Index => Found.Index;

        /// <summary>The platform manifest the index serves.</summary>
        public PlatformManifest ImageManifest { get; }

        public SociIndexFoundBy FoundBy { get; }

        /// <summary>For v2: the image (usually an OCI index) whose manifest carries the index; null for v1.</summary>
        public Descriptor? SociEnabledImage { get; }
    }
}
