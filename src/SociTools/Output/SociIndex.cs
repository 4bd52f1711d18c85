using System.Collections.Generic;

namespace SociTools
{
    /// <summary>A SOCI index: its version, the image manifest it serves, where it is, and its zTOCs.</summary>
    public sealed class SociIndex
    {
        public string Digest { get; set; } = "";
        public long Size { get; set; }
        public string Version { get; set; } = "";
        public string MediaType { get; set; } = "";
        /// <summary>
        /// The original image manifest the index was built from (for v1, its subject); null for a v2 index found
        /// through its SOCI-enabled manifest, which replaced the original in the image.
        /// </summary>
        public string? ImageManifestDigest { get; set; }

        /// <summary>For v2: the image manifest that carries the index-digest annotation, the one the snapshotter reads; null for v1.</summary>
        public string? SociEnabledManifestDigest { get; set; }

        public string? Platform { get; set; }

        /// <summary>For v2: the digest of the SOCI-enabled image (the OCI index that holds the annotated manifest).</summary>
        public string? SociEnabledImageDigest { get; set; }

        /// <summary>The OCI layout folder that holds the index, so Push-SociImage and Get-SociZtoc can take it from the pipeline; null in a registry.</summary>
        public string? LayoutPath { get; set; }

        /// <summary>The registry image Get-SociIndex was asked about, so Remove-SociIndex can take it from the pipeline; null otherwise.</summary>
        public string? Image { get; set; }

        /// <summary>The layout folder or registry reference that holds the index.</summary>
        public string Location { get; set; } = "";

        /// <summary>How Get-SociIndex found it: "v2 annotation", "image index", "referrers API", "referrers tag" or "layout index.json"; null for a new index.</summary>
        public string? FoundBy { get; set; }

        public IReadOnlyList<SociZtoc> Ztocs { get; set; } = new List<SociZtoc>();

        public override string ToString() => $"SOCI index {Version} {Digest} for {SociEnabledManifestDigest ?? ImageManifestDigest} ({Ztocs.Count} zTOCs)";
    }
}
