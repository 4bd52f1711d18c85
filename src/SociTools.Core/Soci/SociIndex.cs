using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>A parsed SOCI index manifest.</summary>
    public sealed class SociIndex
    {
        internal SociIndex(SociIndexVersion version, Manifest manifest, IReadOnlyList<SociZtocReference> ztocs,
            IReadOnlyList<Descriptor> prefetchArtifacts, bool survivesSnapshotterReencoding)
        {
            Version = version;
            Manifest = manifest;
            Ztocs = ztocs;
            PrefetchArtifacts = prefetchArtifacts;
            SurvivesSnapshotterReencoding = survivesSnapshotterReencoding;
        }

        public SociIndexVersion Version { get; }
        public Manifest Manifest { get; }

        /// <summary>The zTOCs in index order (which soci writes in image-layer order).</summary>
        public IReadOnlyList<SociZtocReference> Ztocs { get; }

        public IReadOnlyList<Descriptor> PrefetchArtifacts { get; }

        /// <summary>The image manifest a v1 index refers to; null for v2.</summary>
        public Descriptor? Subject => Manifest.Subject;

        public string? BuildToolIdentifier =>
            Manifest.Annotations != null && Manifest.Annotations.TryGetValue(SociAnnotations.BuildToolIdentifier, out var value) ? value : null;

        /// <summary>
        /// False when the snapshotter's decode-and-re-encode would change the bytes, so the index
        /// would fail its digest check at pull time (for example extra fields or different escaping).
        /// </summary>
        public bool SurvivesSnapshotterReencoding { get; }
    }
}
