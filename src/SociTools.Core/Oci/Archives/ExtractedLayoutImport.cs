using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>Moves an extracted OCI layout's blobs, each checked against its name, into the output layout and adds its index entries.</summary>
    internal static class ExtractedLayoutImport
    {
        private const string BlobsPrefix = OciLayout.BlobsDirectoryName + "/";

        public static async Task<OciLayout> ImportAsync(ExtractedArchive extracted, string outputDirectory, string stagingDirectory, CancellationToken cancellationToken)
        {
            var indexFile = extracted.Find(OciLayout.IndexFileName);
            var indexBytes = File.ReadAllBytes(indexFile.FullPath);
            ImageIndex archiveIndex;
            try
            {
                archiveIndex = OciJson.ReadIndex(indexBytes);
            }
            catch (SociFormatException e)
            {
                throw new SociFormatException($"The archive {extracted.ArchivePath} has an unreadable index.json: {e.Message}", e);
            }

            var blobs = FindBlobs(extracted);
            var layout = OciLayout.Create(outputDirectory, stagingDirectory);
            foreach (var blob in blobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                layout.AdoptFile(blob.Key, blob.Value.FullPath);
            }
            foreach (var missing in archiveIndex.Manifests.Where(d => !blobs.ContainsKey(d.Digest) && !File.Exists(layout.BlobPath(d.Digest))))
            {
                throw new SociFormatException($"The archive {extracted.ArchivePath} lists {missing.Digest} in index.json but does not hold that blob.");
            }

            using (var update = await layout.BeginUpdateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (update.ReadIndex().Manifests.Count == 0)
                {
                    // Keep the archive's own bytes: they are already valid and another tool may have written them.
                    await update.CommitAsync(indexBytes, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await update.CommitAsync(existing => Merge(existing, archiveIndex), cancellationToken).ConfigureAwait(false);
                }
            }
            return layout;
        }

        private static Dictionary<Digest, ExtractedFile> FindBlobs(ExtractedArchive extracted)
        {
            var blobs = new Dictionary<Digest, ExtractedFile>();
            var blobPaths = extracted.Files.Select(f => f.EntryPath).Concat(extracted.Links.Keys)
                .Where(p => p.StartsWith(BlobsPrefix, StringComparison.Ordinal));
            foreach (var path in blobPaths)
            {
                var parts = path.Substring(BlobsPrefix.Length).Split('/');
                if (parts.Length != 2 || !Digest.TryParse(parts[0] + ":" + parts[1], out var digest)) continue;
                var file = extracted.Find(path);
                if (file.Digest != digest)
                {
                    throw new ContentVerificationException(
                        $"The blob {digest} in the archive {extracted.ArchivePath} has content with digest {file.Digest}: the archive is corrupted.");
                }
                blobs[digest] = file;
            }
            return blobs;
        }

        private static ImageIndex Merge(ImageIndex existing, ImageIndex added)
        {
            var addedNames = new HashSet<string>(added.Manifests.Select(d => d.Annotation(LayoutReferences.RefNameAnnotation)).OfType<string>(), StringComparer.Ordinal);
            var kept = existing.Manifests
                .Where(d => d.Annotation(LayoutReferences.RefNameAnnotation) is not string name || !addedNames.Contains(name))
                .Where(d => !added.Manifests.Any(a => a.Digest == d.Digest && a.Annotation(LayoutReferences.RefNameAnnotation) == d.Annotation(LayoutReferences.RefNameAnnotation)))
                .ToList();
            kept.AddRange(added.Manifests);
            existing.Manifests = kept;
            return existing;
        }
    }
}
