using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>
    /// Every SOCI index an OCI layout holds: v1 indexes listed in index.json, and v2 indexes inside the
    /// SOCI-enabled image indexes it lists (or named by a manifest's index-digest annotation).
    /// </summary>
    public static class LayoutSociIndexes
    {
        public static async Task<IReadOnlyList<FoundSociIndex>> ListAsync(OciLayout layout, CancellationToken cancellationToken)
        {
            var found = new Dictionary<Digest, FoundSociIndex>();
            var layoutIndex = await layout.ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in layoutIndex.Manifests)
            {
                await VisitAsync(layout, entry, found, depth: 0, cancellationToken).ConfigureAwait(false);
            }
            return found.Values.ToList();
        }

        private static async Task VisitAsync(
            OciLayout layout, Descriptor entry, Dictionary<Digest, FoundSociIndex> found, int depth, CancellationToken cancellationToken)
        {
            if (found.ContainsKey(entry.Digest) || depth > 2) return;
            if (!await layout.ExistsAsync(entry, cancellationToken).ConfigureAwait(false)) return;
            if (MediaTypes.IsIndex(entry.MediaType))
            {
                var index = await layout.ReadIndexAsync(entry, cancellationToken).ConfigureAwait(false);
                foreach (var child in index.Manifests)
                {
                    await VisitAsync(layout, child, found, depth + 1, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            if (!MediaTypes.IsManifest(entry.MediaType)) return;
            var bytes = await layout.ReadAllBytesAsync(entry, cancellationToken).ConfigureAwait(false);
            var manifest = Serialization.OciJson.ReadManifest(bytes);
            if (SociIndexFormat.VersionOf(manifest.Config.MediaType) != null)
            {
                var index = SociIndexReader.Read(bytes);
                var image = index.Subject?.Digest ?? ImageManifestOf(entry);
                found[entry.Digest] = new FoundSociIndex(entry, index, image);
                return;
            }
            // A SOCI-enabled manifest names its v2 index; the layout may hold that index without listing it.
            if (manifest.Annotations != null && manifest.Annotations.TryGetValue(SociAnnotations.IndexDigest, out var text)
                && Digest.TryParse(text, out var indexDigest) && !found.ContainsKey(indexDigest) && System.IO.File.Exists(layout.BlobPath(indexDigest)))
            {
                var descriptor = new Descriptor
                {
                    MediaType = MediaTypes.OciManifest,
                    Digest = indexDigest,
                    Size = new System.IO.FileInfo(layout.BlobPath(indexDigest)).Length,
                };
                var indexBytes = await layout.ReadAllBytesAsync(descriptor, cancellationToken).ConfigureAwait(false);
                found[indexDigest] = new FoundSociIndex(descriptor, SociIndexReader.Read(indexBytes), entry.Digest);
            }
        }

        private static Digest? ImageManifestOf(Descriptor entry) =>
            entry.Annotations != null && entry.Annotations.TryGetValue(SociAnnotations.ImageManifestDigest, out var text) && Digest.TryParse(text, out var digest)
                ? digest
                : (Digest?)null;
    }
}
