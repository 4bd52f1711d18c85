using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>Every SOCI index found for one platform manifest, and what stops the snapshotter from using them.</summary>
    public sealed class PlatformSociIndexes
    {
        public PlatformSociIndexes(PlatformManifest manifest, IReadOnlyList<DiscoveredSociIndex> indexes, Digest? missingAnnotatedIndex)
        {
            Manifest = manifest;
            Indexes = indexes;
            MissingAnnotatedIndex = missingAnnotatedIndex;
        }

        public PlatformManifest Manifest { get; }

        /// <summary>In lookup order: v2 first, then v1.</summary>
        public IReadOnlyList<DiscoveredSociIndex> Indexes { get; }

        /// <summary>An index the manifest's v2 annotation names but the store does not hold.</summary>
        public Digest? MissingAnnotatedIndex { get; }

        public bool HasV2 => Indexes.Any(i => i.Index.Version == SociIndexVersion.V2);

        public bool HasOnlyV1 => Indexes.Count > 0 && !HasV2;
    }
}
