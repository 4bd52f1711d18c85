using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;

namespace SociTools
{
    /// <summary>Maps the core's build results to the objects the cmdlets emit.</summary>
    internal static class SociOutput
    {
        public static SociLayer Layer(SociLayerResult result, string manifestDigest, string? platform) => new SociLayer
        {
            Digest = result.Layer.Digest.ToString(),
            MediaType = result.Layer.MediaType,
            Size = result.Layer.Size,
            Indexed = result.Indexed,
            SkipReason = result.SkipReason,
            ZtocDigest = result.Ztoc?.Digest.ToString(),
            ImageManifestDigest = manifestDigest,
            Platform = platform,
        };

        public static SociZtoc Ztoc(LayerZtoc ztoc) => new SociZtoc
        {
            Digest = ztoc.Digest.ToString(),
            Size = ztoc.Size,
            LayerDigest = ztoc.Layer.Digest.ToString(),
            LayerSize = ztoc.Layer.Size,
            LayerMediaType = ztoc.Layer.MediaType,
            SpanCount = ztoc.SpanCount,
            FileCount = ztoc.FileCount,
        };

        public static SociIndex Index(PublishedSociIndex published, string location)
        {
            var build = published.Built.Build;
            return new SociIndex
            {
                Digest = build.IndexDescriptor.Digest.ToString(),
                Size = build.IndexDescriptor.Size,
                Version = build.Version.ToString(),
                MediaType = build.IndexDescriptor.MediaType,
                ImageManifestDigest = published.Built.Image.Descriptor.Digest.ToString(),
                Platform = published.Built.Image.Platform?.ToString(),
                SociEnabledImageDigest = published.SociEnabledImage?.Digest.ToString(),
                Location = location,
                Ztocs = build.Ztocs.Select(Ztoc).ToList(),
            };
        }

        public static IEnumerable<object> All(PublishedSociIndex published, string location)
        {
            var image = published.Built.Image;
            foreach (var layer in published.Built.Build.Layers)
            {
                yield return Layer(layer, image.Descriptor.Digest.ToString(), image.Platform?.ToString());
            }
            foreach (var ztoc in published.Built.Build.Ztocs)
            {
                yield return Ztoc(ztoc);
            }
            yield return Index(published, location);
        }
    }
}
