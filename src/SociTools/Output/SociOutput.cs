using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Publishing;

namespace SociTools
{
    /// <summary>Maps the core's build results to the objects the cmdlets emit.</summary>
    internal static class SociOutput
    {
        public static SociLayer Layer(SociLayerResult result, string manifestDigest, string? platform, string? layoutPath) => new SociLayer
        {
            Digest = result.Layer.Digest.ToString(),
            MediaType = result.Layer.MediaType,
            Size = result.Layer.Size,
            Indexed = result.Indexed,
            SkipReason = result.SkipReason,
            ZtocDigest = result.Ztoc?.Digest.ToString(),
            ImageManifestDigest = manifestDigest,
            Platform = platform,
            LayoutPath = layoutPath,
        };

        public static SociZtoc Ztoc(LayerZtoc ztoc, string? layoutPath) => new SociZtoc
        {
            Digest = ztoc.Digest.ToString(),
            Size = ztoc.Size,
            LayerDigest = ztoc.Layer.Digest.ToString(),
            LayerSize = ztoc.Layer.Size,
            LayerMediaType = ztoc.Layer.MediaType,
            SpanCount = ztoc.SpanCount,
            FileCount = ztoc.FileCount,
            LayoutPath = layoutPath,
        };

        /// <param name="location">The layout folder or registry reference the index was written to.</param>
        /// <param name="layoutPath">The layout folder, or null when the index went to a registry.</param>
        public static SociIndex Index(PublishedSociIndex published, string location, string? layoutPath)
        {
            var build = published.Built.Build;
            return new SociIndex
            {
                Digest = build.IndexDescriptor.Digest.ToString(),
                Size = build.IndexDescriptor.Size,
                Version = build.Version.ToString(),
                MediaType = build.IndexDescriptor.MediaType,
                ImageManifestDigest = published.Built.Image.Descriptor.Digest.ToString(),
                SociEnabledManifestDigest = published.SociEnabledManifest?.ToString(),
                Platform = published.Built.Image.Platform?.ToString(),
                SociEnabledImageDigest = published.SociEnabledImage?.Digest.ToString(),
                Location = location,
                LayoutPath = layoutPath,
                Ztocs = build.Ztocs.Select(z => Ztoc(z, layoutPath)).ToList(),
            };
        }

        public static IEnumerable<object> All(PublishedSociIndex published, string location, string? layoutPath)
        {
            var image = published.Built.Image;
            foreach (var layer in published.Built.Build.Layers)
            {
                yield return Layer(layer, image.Descriptor.Digest.ToString(), image.Platform?.ToString(), layoutPath);
            }
            foreach (var ztoc in published.Built.Build.Ztocs)
            {
                yield return Ztoc(ztoc, layoutPath);
            }
            yield return Index(published, location, layoutPath);
        }
    }
}
