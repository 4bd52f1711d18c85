using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>What stops the SOCI snapshotter bundled with Finch from lazily loading one platform manifest.</summary>
    public enum LazyLoadingProblemKind
    {
        /// <summary>The manifest's v2 annotation names an index the registry or layout does not hold.</summary>
        MissingAnnotatedIndex,
        NoIndex,
        /// <summary>The snapshotter's decode-and-re-encode would change the index bytes, failing its digest check.</summary>
        FailsReencoding,
        /// <summary>Only v1 indexes, which SOCI 0.10+ ignores unless pull_modes.soci_v1 is enabled.</summary>
        OnlyV1,
    }

    /// <summary>One reason lazy loading would not happen: the reason and the usual fix, as sentences for users.</summary>
    public sealed class LazyLoadingProblem
    {
        public LazyLoadingProblem(LazyLoadingProblemKind kind, string reason, string fix)
        {
            Kind = kind;
            Reason = reason;
            Fix = fix;
        }

        public LazyLoadingProblemKind Kind { get; }

        public string Reason { get; }

        /// <summary>The fix with SociTools' index-building cmdlets; callers with a better one for their context may replace it.</summary>
        public string Fix { get; }

        public override string ToString() => Reason + " " + Fix;

        /// <summary>The problems of one platform manifest; <paramref name="location"/> names where the image was looked up.</summary>
        public static IEnumerable<LazyLoadingProblem> For(PlatformSociIndexes platform, string location)
        {
            var manifest = platform.Manifest.Descriptor.Digest + (platform.Manifest.Platform == null ? "" : $" ({platform.Manifest.Platform})");
            if (platform.MissingAnnotatedIndex is Oci.Digest missing)
            {
                yield return new LazyLoadingProblem(LazyLoadingProblemKind.MissingAnnotatedIndex,
                    $"Image manifest {manifest} names SOCI index {missing} in its '{SociAnnotations.IndexDigest}' annotation, but {location} does not hold that index: " +
                    "the snapshotter cannot fetch it, so lazy loading would not happen.",
                    "Build and push the SOCI-enabled image again.");
            }
            else if (platform.Indexes.Count == 0)
            {
                yield return new LazyLoadingProblem(LazyLoadingProblemKind.NoIndex,
                    $"No SOCI index was found for image manifest {manifest} in {location}: the manifest has no '{SociAnnotations.IndexDigest}' annotation (v2) " +
                    $"and no v1 index refers to it, so the SOCI snapshotter would log '{SociIndexLocator.DeferringMessage}' and pull the layers in full (no lazy loading).",
                    "Build an index with New-SociIndex.");
            }
            foreach (var index in platform.Indexes.Where(i => !i.Index.SurvivesSnapshotterReencoding))
            {
                yield return new LazyLoadingProblem(LazyLoadingProblemKind.FailsReencoding,
                    $"SOCI index {index.Descriptor.Digest} would fail at pull: the snapshotter decodes an index, encodes it again and stores it under the original digest, " +
                    "but these bytes change when encoded again (extra fields, key order, whitespace or escaping), so the digest check fails.",
                    "Rebuild the index with New-SociIndex.");
            }
            if (platform.HasOnlyV1)
            {
                yield return new LazyLoadingProblem(LazyLoadingProblemKind.OnlyV1,
                    $"Only SOCI v1 indexes were found for image manifest {manifest}: the SOCI snapshotter 0.10+ bundled with Finch ignores v1 indexes by default " +
                    "(pull_modes.soci_v1.enable = false), so it would pull the layers in full.",
                    "Build a v2 index (New-SociIndex, -IndexVersion V2 is the default) and push the SOCI-enabled image.");
            }
        }
    }
}
