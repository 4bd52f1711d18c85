using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>The layout's index.json: reading and atomic updates, and naming images in it.</summary>
    public sealed partial class OciLayout
    {
        public Task<ImageIndex> ReadIndexAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ReadIndexFile());
        }

        /// <summary>
        /// Takes the layout's lock (<c>index.json.lock</c>, held across processes) for blob writes and an index.json
        /// change that land together: disposing the update without committing removes the blobs it added.
        /// </summary>
        /// <exception cref="FileLockTimeoutException">Another process held the lock for all of <see cref="FileLock.DefaultWait"/>.</exception>
        public async Task<LayoutUpdate> BeginUpdateAsync(CancellationToken cancellationToken = default)
        {
            var held = await FileLock.AcquireAsync(FileLock.PathFor(IndexPath), $"the {IndexFileName} of the layout at {Directory}", FileLock.DefaultWait, cancellationToken)
                .ConfigureAwait(false);
            return new LayoutUpdate(this, held);
        }

        /// <summary>Under the layout's lock, reads index.json, applies <paramref name="update"/> and writes the result atomically in Go's JSON form.</summary>
        public async Task<ImageIndex> UpdateIndexAsync(Func<ImageIndex, ImageIndex> update, CancellationToken cancellationToken = default)
        {
            using var transaction = await BeginUpdateAsync(cancellationToken).ConfigureAwait(false);
            return await transaction.CommitAsync(update, cancellationToken).ConfigureAwait(false);
        }

        internal Task WriteIndexFileAsync(byte[] json, CancellationToken cancellationToken) =>
            AtomicFile.WriteAllBytesAsync(IndexPath, json, cancellationToken);

        /// <summary>Finds an image by tag (<c>org.opencontainers.image.ref.name</c>), full name or digest; an empty reference means the only image.</summary>
        public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
        {
            var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(reference)) return OnlyImage(index);
            if (LayoutReferences.TryGetDigest(reference, out var digest))
            {
                return FindByDigest(index, digest, reference);
            }
            var matches = LayoutReferences.FindByName(index, reference);
            var distinct = matches.GroupBy(d => d.Digest).Select(g => g.First()).ToList();
            if (distinct.Count == 1) return distinct[0];
            var names = LayoutReferences.AvailableNames(index);
            if (distinct.Count == 0)
            {
                throw new ImageReferenceException(
                    $"The layout at {Directory} has no image named '{reference}'. {DescribeNames(names)}", reference, names);
            }
            throw new ImageReferenceException(
                $"'{reference}' names {distinct.Count} different images in the layout at {Directory} ({string.Join(", ", distinct.Select(d => d.Digest))}); name one by digest.",
                reference, names);
        }

        /// <summary>The image to work on: the one <paramref name="reference"/> names, or the only image when it is null.</summary>
        public Task<Descriptor> ResolveImageAsync(string? reference, CancellationToken cancellationToken = default) =>
            ResolveAsync(reference ?? "", cancellationToken);

        private Descriptor OnlyImage(ImageIndex index)
        {
            var images = index.Manifests.Where(LayoutReferences.IsImage).GroupBy(d => d.Digest).Select(g => g.First()).ToList();
            if (images.Count == 1) return images[0];
            var names = LayoutReferences.AvailableNames(index);
            if (images.Count == 0)
            {
                throw new ImageReferenceException($"The layout at {Directory} holds no image.", null, names);
            }
            throw new ImageReferenceException(
                $"The layout at {Directory} holds {images.Count} images; name the one to use. {DescribeNames(names)}", null, names);
        }

        /// <summary>Names the descriptor <paramref name="tag"/> in index.json, moving the name off any other entry.</summary>
        public async Task TagAsync(Descriptor descriptor, string tag, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(tag))
            {
                throw new ArgumentException("A tag must not be empty.", nameof(tag));
            }
            if (!await ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false))
            {
                throw new SociFormatException($"Cannot tag {descriptor.Digest} as '{tag}': the layout at {Directory} does not hold it.");
            }
            await UpdateIndexAsync(index =>
            {
                var kept = index.Manifests.Where(d => d.Annotation(LayoutReferences.RefNameAnnotation) != tag).ToList();
                var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
                // The entry's old names stay with the entries that carry them; this one gets only the new tag.
                foreach (var pair in descriptor.Annotations ?? new Dictionary<string, string>())
                {
                    if (pair.Key != LayoutReferences.RefNameAnnotation && pair.Key != LayoutReferences.ContainerdNameAnnotation) annotations[pair.Key] = pair.Value;
                }
                annotations[LayoutReferences.RefNameAnnotation] = tag;
                kept.Add(new Descriptor
                {
                    MediaType = descriptor.MediaType,
                    Digest = descriptor.Digest,
                    Size = descriptor.Size,
                    Platform = descriptor.Platform,
                    ArtifactType = descriptor.ArtifactType,
                    Urls = descriptor.Urls,
                    Annotations = annotations,
                });
                index.Manifests = kept;
                return index;
            }, cancellationToken).ConfigureAwait(false);
        }

        private Descriptor FindByDigest(ImageIndex index, Digest digest, string reference)
        {
            var listed = index.Manifests.FirstOrDefault(d => d.Digest == digest);
            if (listed != null) return listed;
            var path = BlobPath(digest);
            if (!File.Exists(path))
            {
                var names = LayoutReferences.AvailableNames(index);
                throw new ImageReferenceException($"The layout at {Directory} does not hold {digest}. {DescribeNames(names)}", reference, names);
            }
            var bytes = File.ReadAllBytes(path);
            var mediaType = LayoutReferences.MediaTypeOf(bytes)
                ?? throw new SociFormatException($"The blob {digest} in {Directory} is not an image manifest or index.");
            return new Descriptor { MediaType = mediaType, Digest = digest, Size = bytes.Length };
        }

        internal ImageIndex ReadIndexFile()
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(IndexPath);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new SociFormatException($"{Directory} is not an OCI image layout: it has no {IndexFileName}.", e);
            }
            try
            {
                return OciJson.ReadIndex(bytes);
            }
            catch (SociFormatException e)
            {
                throw new SociFormatException($"{Directory} is not a valid OCI image layout: its {IndexFileName} is unreadable: {e.Message}", e);
            }
        }

        private static string DescribeNames(IReadOnlyList<string> names) =>
            names.Count == 0 ? "It holds no named images." : "Images there: " + string.Join(", ", names) + ".";
    }
}
