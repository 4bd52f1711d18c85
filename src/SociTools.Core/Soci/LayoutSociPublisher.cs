using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Soci
{
    /// <summary>
    /// Stores built SOCI indexes in an OCI layout. v2: the SOCI-enabled image takes the place of the
    /// original in index.json, keeping its name, as <c>soci convert --format oci-dir</c> does (other images
    /// in the layout stay listed). v1: each index is added to index.json as a referrer of its image.
    /// </summary>
    public static class LayoutSociPublisher
    {
        public static async Task<IReadOnlyList<PublishedSociIndex>> PublishAsync(
            OciLayout layout, Descriptor image, IReadOnlyList<PlatformIndex> indexes, SociIndexVersion version, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            foreach (var index in indexes)
            {
                await SociContentWriter.WriteIndexAsync(layout, index.Build, written, cancellationToken).ConfigureAwait(false);
            }
            if (version == SociIndexVersion.V1)
            {
                await layout.UpdateIndexAsync(
                    current => indexes.Aggregate(current, (list, index) => SociLayoutIndex.AddV1Index(list, index.Build.IndexDescriptor)),
                    cancellationToken).ConfigureAwait(false);
                return indexes.Select(i => new PublishedSociIndex(i, null)).ToList();
            }

            var converted = await SociConversion.ConvertAsync(layout, image, indexes, cancellationToken).ConfigureAwait(false);
            await SociContentWriter.WriteConvertedImageAsync(layout, converted, written, cancellationToken).ConfigureAwait(false);
            await layout.UpdateIndexAsync(current => ReplaceImage(current, image, converted.ImageIndexDescriptor), cancellationToken)
                .ConfigureAwait(false);
            return PublishedSociIndex.Converted(indexes, converted);
        }

        private static ImageIndex ReplaceImage(ImageIndex layoutIndex, Descriptor original, Descriptor converted)
        {
            var manifests = new List<Descriptor>();
            var replaced = false;
            foreach (var entry in layoutIndex.Manifests)
            {
                if (entry.Digest != original.Digest)
                {
                    manifests.Add(entry);
                    continue;
                }
                if (replaced) continue;
                manifests.Add(new Descriptor
                {
                    MediaType = converted.MediaType,
                    Digest = converted.Digest,
                    Size = converted.Size,
                    Annotations = NameAnnotations(entry),
                });
                replaced = true;
            }
            if (!replaced) manifests.Add(converted);
            return new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = manifests, Annotations = layoutIndex.Annotations };
        }

        private static IDictionary<string, string>? NameAnnotations(Descriptor entry)
        {
            var names = entry.Annotations?
                .Where(a => a.Key == LayoutReferences.RefNameAnnotation || a.Key == LayoutReferences.ContainerdNameAnnotation)
                .ToDictionary(a => a.Key, a => a.Value);
            return names == null || names.Count == 0 ? null : names;
        }
    }
}
