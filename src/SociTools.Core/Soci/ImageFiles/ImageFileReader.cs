using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Registry;
using SociTools.Core.Ztoc;
using SociTools.Core.Ztoc.Extraction;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>
    /// Reads one file of an image through its SOCI index: finds the layer that shows the file (top layer first,
    /// whiteouts honoured) from the zTOCs alone, then fetches only the compressed spans that hold it.
    /// </summary>
    public sealed class ImageFileReader
    {
        private readonly IContentReader _content;
        private readonly BlobRangeFetcher _fetchRange;

        /// <summary>Fetches exactly <paramref name="length"/> bytes of a blob from <paramref name="offset"/>.</summary>
        public delegate Task<byte[]> BlobRangeFetcher(Descriptor blob, long offset, int length, CancellationToken cancellationToken);

        /// <param name="content">Where the zTOCs are read from.</param>
        /// <param name="fetchRange">How ranges of layer blobs are fetched.</param>
        public ImageFileReader(IContentReader content, BlobRangeFetcher fetchRange)
        {
            _content = content ?? throw new ArgumentNullException(nameof(content));
            _fetchRange = fetchRange ?? throw new ArgumentNullException(nameof(fetchRange));
        }

        /// <summary>A reader of a registry repository: zTOCs as blobs, layers by HTTP range requests.</summary>
        public static ImageFileReader ForRegistry(RegistryRepository repository) =>
            new ImageFileReader(repository, (blob, offset, length, cancellationToken) =>
                repository.Client.ReadBlobRangeAsync(repository.Repository, blob.Digest, offset, length, cancellationToken));

        /// <summary>
        /// Finds the layer that shows <paramref name="path"/> in <paramref name="image"/>, reading zTOCs from the top layer
        /// down; a layer without a zTOC is fetched whole to read its entries. Dispose the result.
        /// </summary>
        /// <exception cref="ZtocFileNotFoundException">The image has no regular file at the path, or a whiteout hides it.</exception>
        /// <exception cref="LayerNotIndexedException">A layer that had to be looked at has no zTOC and is neither gzip nor tar.</exception>
        public async Task<ImageFileLocation> LocateAsync(Manifest image, SociIndex index, string path, CancellationToken cancellationToken)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            if (index == null) throw new ArgumentNullException(nameof(index));
            var resolver = new WhiteoutResolver(path);
            var ztocs = new Dictionary<Digest, SociZtocReference>();
            foreach (var reference in index.Ztocs)
            {
                if (!ztocs.ContainsKey(reference.LayerDigest)) ztocs.Add(reference.LayerDigest, reference);
            }
            var fetchedWhole = new List<Descriptor>();
            var count = image.Layers.Count;
            for (var i = count - 1; i >= 0; i--)
            {
                var layer = image.Layers[i];
                var layerName = $"{i + 1} of {count} ({layer.Digest})";
                ZtocDocument? ztoc = null;
                WholeLayer? whole = null;
                if (ztocs.TryGetValue(layer.Digest, out var reference))
                {
                    ztoc = await ReadZtocAsync(reference, layer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    whole = await WholeLayer.FetchAsync(_content, layer, layerName, cancellationToken).ConfigureAwait(false);
                    fetchedWhole.Add(layer);
                }
                try
                {
                    var entries = WhiteoutResolver.EntriesByPath(ztoc?.Files ?? whole!.Files);
                    var verdict = resolver.Examine(entries, layerName);
                    if (verdict.State == LayerPathState.Hidden)
                    {
                        throw new ZtocFileNotFoundException($"'/{resolver.Path}' is not in the image: {verdict.Explanation}.");
                    }
                    if (verdict.State == LayerPathState.Present)
                    {
                        var data = DataEntry(verdict.Entry!, entries, resolver.Path, layerName);
                        var (firstSpan, spanCount) = ztoc == null ? (0, 0) : SpansOf(ztoc, data);
                        var location = new ImageFileLocation(resolver.Path, layer, i + 1, count, verdict.Entry!, data, ztoc, firstSpan, spanCount, whole, fetchedWhole);
                        whole = null;
                        return location;
                    }
                }
                finally
                {
                    whole?.Dispose();
                }
            }
            throw new ZtocFileNotFoundException($"'/{resolver.Path}' is in none of the image's {count} layers.");
        }

        /// <summary>
        /// Writes the file to <paramref name="destination"/>, fetching only the spans that hold it; each span fetched is checked
        /// against its digest in the zTOC before the call returns, so write to a place a failure discards.
        /// </summary>
        /// <exception cref="ContentVerificationException">The registry sent bytes that do not match a span digest.</exception>
        public async Task<ImageFileRead> ExtractAsync(ImageFileLocation location, Stream destination, CancellationToken cancellationToken)
        {
            if (location == null) throw new ArgumentNullException(nameof(location));
            if (location.WholeLayer != null)
            {
                await location.WholeLayer.CopyFileAsync(location.Data, destination, cancellationToken).ConfigureAwait(false);
                return new ImageFileRead(location, location.Layer.Size, 0);
            }
            var extractor = new ZtocFileExtractor(location.Ztoc!, "layer " + location.Layer.Digest, async (offset, length, token) =>
                await FetchedRangeStream.OpenAsync(
                    (rangeOffset, rangeLength, t) => _fetchRange(location.Layer, rangeOffset, rangeLength, t), offset, length, token).ConfigureAwait(false));
            var extracted = await extractor.ExtractAsync(location.Data, destination, cancellationToken).ConfigureAwait(false);
            return new ImageFileRead(location, extracted.CompressedBytesRead, extracted.SpansRead);
        }

        private async Task<ZtocDocument> ReadZtocAsync(SociZtocReference reference, Descriptor layer, CancellationToken cancellationToken)
        {
            var ztoc = await ZtocReader.ReadAsync(_content, reference.Ztoc, cancellationToken).ConfigureAwait(false);
            if (ztoc.CompressedArchiveSize != layer.Size)
            {
                throw new SociFormatException(
                    $"zTOC {reference.Ztoc.Digest} describes a {ztoc.CompressedArchiveSize}-byte layer, but layer {layer.Digest} is {layer.Size} bytes: the SOCI index does not belong to this image.");
            }
            return ztoc;
        }

        private static FileMetadata DataEntry(FileMetadata entry, IReadOnlyDictionary<string, FileMetadata> layer, string path, string layerName)
        {
            switch (entry.Type)
            {
                case "reg":
                    return entry;
                case "hardlink":
                    // A hard link's bytes are stored once, under the entry it links to in the same layer.
                    var target = ZtocFileLookup.Normalize(entry.Linkname.ToString());
                    if (layer.TryGetValue(target, out var linked) && linked.Type == "reg") return linked;
                    throw new ZtocFileNotFoundException($"'/{path}' in layer {layerName} is a hard link to '{entry.Linkname}', which that layer does not hold as a regular file.");
                case "symlink":
                    throw new ZtocFileNotFoundException($"'/{path}' in layer {layerName} is a symlink to '{entry.Linkname}'; ask for the file it points to.");
                case "dir":
                    throw new ZtocFileNotFoundException($"'/{path}' in layer {layerName} is a directory, not a file.");
                default:
                    throw new ZtocFileNotFoundException($"'/{path}' in layer {layerName} is a {entry.Type}, not a regular file; only regular files hold data to read.");
            }
        }

        private static (int First, int Count) SpansOf(ZtocDocument ztoc, FileMetadata file)
        {
            if (file.UncompressedSize == 0) return (0, 0);
            if (ztoc.CompressionInfo.Algorithm == CompressionAlgorithm.Uncompressed)
            {
                var starts = TarZinfo.Parse(ztoc.CompressionInfo.Checkpoints).SpanStartOffsets();
                var first = ZtocInfo.SpanOf(starts, file.UncompressedOffset);
                return (first, ZtocInfo.SpanOf(starts, file.UncompressedOffset + file.UncompressedSize - 1) - first + 1);
            }
            var layout = new GzipSpanLayout(GzipZinfo.Read(ztoc.CompressionInfo.Checkpoints).Checkpoints, ztoc.CompressedArchiveSize, ztoc.UncompressedArchiveSize);
            var (firstSpan, lastSpan) = layout.SpansCovering(file.UncompressedOffset, file.UncompressedSize);
            return (firstSpan, lastSpan - firstSpan + 1);
        }
    }
}
