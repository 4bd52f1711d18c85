using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>Reads what the converter needs from a store and makes the v2 SOCI-enabled image.</summary>
    public static class SociConversion
    {
        public static async Task<SociConversionResult> ConvertAsync(
            IContentReader store, Descriptor image, IReadOnlyList<PlatformIndex> indexes, CancellationToken cancellationToken)
        {
            var imageBytes = await store.ReadAllBytesAsync(image, cancellationToken).ConfigureAwait(false);
            SociConversionSource source;
            if (MediaTypes.IsIndex(image.MediaType))
            {
                var local = new Dictionary<Digest, byte[]>();
                foreach (var entry in OciJson.ReadIndex(imageBytes).Manifests.Where(m => MediaTypes.IsManifest(m.MediaType)))
                {
                    if (await store.ExistsAsync(entry, cancellationToken).ConfigureAwait(false))
                    {
                        local[entry.Digest] = await store.ReadAllBytesAsync(entry, cancellationToken).ConfigureAwait(false);
                    }
                }
                source = SociConversionSource.FromIndex(image, imageBytes, local);
            }
            else
            {
                source = SociConversionSource.FromManifest(image, imageBytes, PlatformOf(indexes.Single()));
            }
            var platformIndexes = indexes.Select(i => new SociPlatformIndex(i.Image.Descriptor.Digest, PlatformOf(i), i.Build));
            return SociImageConverter.Convert(source, platformIndexes);
        }

        private static Platform PlatformOf(PlatformIndex index) =>
            index.Image.Platform ?? throw new SociFormatException(
                $"The platform of image manifest {index.Image.Descriptor.Digest} is unknown (its config names no os/architecture); a SOCI-enabled image needs it.");
    }
}
