using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Stores built SOCI indexes in an OCI layout. v2: the SOCI-enabled image takes the place of the
    /// original in index.json, keeping its name, as <c>soci convert --format oci-dir</c> does (other images
    /// in the layout stay listed). v1: each index is added to index.json as a referrer of its image.
    /// </summary>
    public static class LayoutSociPublisher
    {
        /// <exception cref="LayoutChangedException">Another run replaced the image in index.json while this one was indexing it.</exception>
        public static async Task<IReadOnlyList<PublishedSociIndex>> PublishAsync(
            OciLayout layout, Descriptor image, IReadOnlyList<PlatformIndex> indexes, SociIndexVersion version, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            // Everything is computed before the layout is locked; under the lock there is only writing.
            var converted = version == SociIndexVersion.V1 ? null : await SociConversion.ConvertAsync(layout, image, indexes, cancellationToken).ConfigureAwait(false);
            using var update = await layout.BeginUpdateAsync(cancellationToken).ConfigureAwait(false);
            foreach (var index in indexes)
            {
                await SociContentWriter.WriteIndexAsync(update, index.Build, written, cancellationToken).ConfigureAwait(false);
            }
            if (converted == null)
            {
                await update.CommitAsync(
                    current => indexes.Aggregate(current, (list, index) => SociLayoutIndex.AddV1Index(list, index.Build.IndexDescriptor)),
                    cancellationToken).ConfigureAwait(false);
                return indexes.Select(i => new PublishedSociIndex(i, null)).ToList();
            }
            await SociContentWriter.WriteConvertedImageAsync(update, converted, written, cancellationToken).ConfigureAwait(false);
            await update.CommitAsync(current => ReplaceImage(current, image, converted.ImageIndexDescriptor, layout.Directory), cancellationToken)
                .ConfigureAwait(false);
            return PublishedSociIndex.Converted(indexes, converted);
        }

        /// <summary>index.json with the converted image in the original's place, read under the layout's lock.</summary>
        private static ImageIndex ReplaceImage(ImageIndex layoutIndex, Descriptor original, Descriptor converted, string layoutDirectory)
        {
            if (!layoutIndex.Manifests.Any(entry => entry.Digest == original.Digest))
            {
                // A run with the same settings got there first: its result is this one's, already listed.
                if (layoutIndex.Manifests.Any(entry => entry.Digest == converted.Digest)) return layoutIndex;
                throw new LayoutChangedException(
                    $"The image {original.Digest} is no longer listed in the index.json of the layout at {layoutDirectory}: another run replaced it " +
                    "while this one was indexing it, so nothing was written. Run New-SociIndex again to index the image the layout holds now.");
            }
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
