using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;

namespace SociTools.Hosting
{
    /// <summary>Says, for one platform manifest, why the SOCI snapshotter bundled with Finch would not lazy-load it.</summary>
    internal static class LazyLoadingWarnings
    {
        public static IEnumerable<string> For(PlatformSociIndexes platform, string location)
        {
            var manifest = Describe(platform);
            if (platform.MissingAnnotatedIndex is Core.Oci.Digest missing)
            {
                yield return $"Image manifest {manifest} names SOCI index {missing} in its '{SociAnnotations.IndexDigest}' annotation, but {location} does not hold that index: " +
                    "the snapshotter cannot fetch it, so lazy loading would not happen. Build and push the SOCI-enabled image again.";
            }
            else if (platform.Indexes.Count == 0)
            {
                yield return $"No SOCI index was found for image manifest {manifest} in {location}: the manifest has no '{SociAnnotations.IndexDigest}' annotation (v2) " +
                    $"and no v1 index refers to it, so the SOCI snapshotter would log '{SociIndexLocator.DeferringMessage}' and pull the layers in full (no lazy loading). " +
                    "Build an index with New-SociIndex.";
            }
            foreach (var index in platform.Indexes.Where(i => !i.Index.SurvivesSnapshotterReencoding))
            {
                yield return $"SOCI index {index.Descriptor.Digest} would fail at pull: the snapshotter decodes an index, encodes it again and stores it under the original digest, " +
                    "but these bytes change when encoded again (extra fields, key order, whitespace or escaping), so the digest check fails. Rebuild the index with New-SociIndex.";
            }
            if (platform.HasOnlyV1)
            {
                yield return $"Only SOCI v1 indexes were found for image manifest {manifest}: the SOCI snapshotter 0.10+ bundled with Finch ignores v1 indexes by default " +
                    "(pull_modes.soci_v1.enable = false), so it would pull the layers in full. Build a v2 index (New-SociIndex, -IndexVersion V2 is the default) " +
                    "and push the SOCI-enabled image.";
            }
        }

        private static string Describe(PlatformSociIndexes platform) =>
            platform.Manifest.Descriptor.Digest + (platform.Manifest.Platform == null ? "" : $" ({platform.Manifest.Platform})");
    }
}
