using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Stores SOCI indexes of an image that lives elsewhere (a registry) in an OCI layout: the zTOCs and
    /// index blobs, and an index.json entry per index naming the image manifest it serves.
    /// </summary>
    public static class LayoutIndexOnlyPublisher
    {
        public static async Task<IReadOnlyList<PublishedSociIndex>> PublishAsync(
            OciLayout layout, IReadOnlyList<PlatformIndex> indexes, SociIndexVersion version, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            using var update = await layout.BeginUpdateAsync(cancellationToken).ConfigureAwait(false);
            foreach (var index in indexes)
            {
                await SociContentWriter.WriteIndexAsync(update, index.Build, written, cancellationToken).ConfigureAwait(false);
            }
            await update.CommitAsync(current =>
            {
                var manifests = current.Manifests.ToList();
                foreach (var index in indexes.Where(i => manifests.All(m => m.Digest != i.Build.IndexDescriptor.Digest)))
                {
                    manifests.Add(new Descriptor
                    {
                        MediaType = MediaTypes.OciManifest,
                        Digest = index.Build.IndexDescriptor.Digest,
                        Size = index.Build.IndexDescriptor.Size,
                        ArtifactType = SociIndexFormat.ArtifactType(version),
                        Annotations = new Dictionary<string, string>
                        {
                            [SociAnnotations.ImageManifestDigest] = index.Image.Descriptor.Digest.ToString(),
                        },
                    });
                }
                return new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = manifests, Annotations = current.Annotations };
            }, cancellationToken).ConfigureAwait(false);
            return indexes.Select(i => new PublishedSociIndex(i, null)).ToList();
        }
    }
}
