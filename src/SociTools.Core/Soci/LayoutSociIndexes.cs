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
                await VisitAsync(layout, entry, null, found, depth: 0, cancellationToken).ConfigureAwait(false);
            }
            return found.Values.ToList();
        }

        private static async Task VisitAsync(
            OciLayout layout, Descriptor entry, Digest? imageManifest, Dictionary<Digest, FoundSociIndex> found, int depth, CancellationToken cancellationToken)
        {
            if (found.ContainsKey(entry.Digest) || depth > 2) return;
            if (!await layout.ExistsAsync(entry, cancellationToken).ConfigureAwait(false)) return;
            if (MediaTypes.IsIndex(entry.MediaType))
            {
                var index = await layout.ReadIndexAsync(entry, cancellationToken).ConfigureAwait(false);
                foreach (var child in index.Manifests)
                {
                    await VisitAsync(layout, child, null, found, depth + 1, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            if (!MediaTypes.IsManifest(entry.MediaType)) return;
            var bytes = await layout.ReadAllBytesAsync(entry, cancellationToken).ConfigureAwait(false);
            var manifest = Serialization.OciJson.ReadManifest(bytes);
            if (SociIndexFormat.VersionOf(manifest.Config.MediaType) != null)
            {
                var index = SociIndexReader.Read(bytes);
                var image = index.Subject?.Digest ?? imageManifest ?? ImageManifestOf(entry);
                found[entry.Digest] = new FoundSociIndex(entry, index, image);
                return;
            }
            var annotated = manifest.Annotations != null && manifest.Annotations.TryGetValue(SociAnnotations.IndexDigest, out var digestText)
                && Digest.TryParse(digestText, out var indexDigest) ? indexDigest : (Digest?)null;
            if (annotated is Digest sociDigest && !found.ContainsKey(sociDigest))
            {
                var descriptor = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = sociDigest, Size = -1 };
                var indexPath = layout.BlobPath(sociDigest);
                if (System.IO.File.Exists(indexPath))
                {
                    descriptor.Size = new System.IO.FileInfo(indexPath).Length;
                    var indexBytes = await layout.ReadAllBytesAsync(descriptor, cancellationToken).ConfigureAwait(false);
                    found[sociDigest] = new FoundSociIndex(descriptor, SociIndexReader.Read(indexBytes), entry.Digest);
                }
            }
        }

        private static Digest? ImageManifestOf(Descriptor entry) =>
            entry.Annotations != null && entry.Annotations.TryGetValue(SociAnnotations.ImageManifestDigest, out var text) && Digest.TryParse(text, out var digest)
                ? digest
                : (Digest?)null;
    }
}
