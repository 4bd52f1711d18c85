using System;
using SociTools.Core.Oci;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>A built v2 SOCI index for one platform manifest of the image being converted.</summary>
    public sealed class SociPlatformIndex
    {
        /// <param name="imageManifestDigest">Digest of the original (not yet rewritten) platform manifest the index was built from.</param>
        /// <param name="platform">Written on the SOCI index descriptor; an existing SOCI index for the same platform is replaced.</param>
        public SociPlatformIndex(Digest imageManifestDigest, Platform platform, Descriptor indexDescriptor)
        {
            ImageManifestDigest = imageManifestDigest;
            Platform = platform ?? throw new ArgumentNullException(nameof(platform));
            IndexDescriptor = indexDescriptor ?? throw new ArgumentNullException(nameof(indexDescriptor));
        }

        public SociPlatformIndex(Digest imageManifestDigest, Platform platform, SociIndexBuildResult index)
            : this(imageManifestDigest, platform, (index ?? throw new ArgumentNullException(nameof(index))).IndexDescriptor)
        {
            if (index.Version != SociIndexVersion.V2)
            {
                throw new ArgumentException("Only v2 SOCI indexes go into a converted image; v1 indexes are pushed as referrers.", nameof(index));
            }
        }

        public Digest ImageManifestDigest { get; }
        public Platform Platform { get; }
        public Descriptor IndexDescriptor { get; }
    }
}
