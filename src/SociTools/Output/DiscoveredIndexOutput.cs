using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools
{
    /// <summary>Maps an index found in a registry or layout, with its zTOCs read, to the SociIndex Get-SociIndex emits.</summary>
    internal static class DiscoveredIndexOutput
    {
        /// <param name="image">The registry image asked about; null for a layout.</param>
        /// <param name="layoutPath">The layout folder; null for a registry.</param>
        public static SociIndex Index(DiscoveredSociIndex discovered, IReadOnlyList<LocatedZtoc> ztocs, string location, string? image, string? layoutPath) => new SociIndex
        {
            Digest = discovered.Descriptor.Digest.ToString(),
            Size = discovered.Descriptor.Size,
            Version = discovered.Index.Version.ToString(),
            MediaType = discovered.Descriptor.MediaType,
            // A v2 index is found through the manifest that carries its annotation; the original it was built from is gone from the image.
            ImageManifestDigest = discovered.Index.Version == SociIndexVersion.V2 ? null : discovered.ImageManifest.Descriptor.Digest.ToString(),
            SociEnabledManifestDigest = discovered.Index.Version == SociIndexVersion.V2 ? discovered.ImageManifest.Descriptor.Digest.ToString() : null,
            Platform = discovered.ImageManifest.Platform?.ToString(),
            SociEnabledImageDigest = discovered.SociEnabledImage?.Digest.ToString(),
            Location = location,
            Image = image,
            LayoutPath = layoutPath,
            FoundBy = FoundBy(discovered.FoundBy),
            Ztocs = ztocs.Select(z => Ztoc(discovered, z, layoutPath)).ToList(),
        };

        public static string FoundBy(SociIndexFoundBy foundBy) => foundBy switch
        {
            SociIndexFoundBy.V2Annotation => "v2 annotation",
            SociIndexFoundBy.ImageIndex => "image index",
            SociIndexFoundBy.ReferrersApi => "referrers API",
            SociIndexFoundBy.ReferrersTag => "referrers tag",
            _ => "layout index.json",
        };

        private static SociZtoc Ztoc(DiscoveredSociIndex discovered, LocatedZtoc located, string? layoutPath)
        {
            var layer = discovered.ImageManifest.Manifest.Layers.FirstOrDefault(l => l.Digest == located.Reference.LayerDigest);
            return new SociZtoc
            {
                Digest = located.Reference.Ztoc.Digest.ToString(),
                Size = located.Reference.Ztoc.Size,
                LayerDigest = located.Reference.LayerDigest.ToString(),
                LayerSize = layer?.Size ?? 0,
                LayerMediaType = located.Reference.LayerMediaType ?? layer?.MediaType ?? "",
                SpanCount = located.Ztoc.CompressionInfo.MaxSpanId + 1,
                FileCount = located.Ztoc.Files.Count,
                LayoutPath = layoutPath,
            };
        }
    }
}
