using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Tar;
using SociTools.Core.Ztoc;

namespace SociTools.Core.Soci.Building
{
    /// <summary>
    /// Builds one layer's zTOC from its blob in a single read: gzip layers through the checkpoint
    /// indexer feeding the tar TOC builder, uncompressed tar layers directly. Layers soci cannot
    /// index throw <see cref="UnindexableLayerException"/>; corrupt ones throw <see cref="SociFormatException"/>.
    /// </summary>
    public static class LayerZtocFactory
    {
        public static async Task<LayerZtoc> BuildAsync(
            Descriptor layer, Stream content, long spanSize, string buildTool, IProgress<long>? bytesRead, CancellationToken cancellationToken)
        {
            try
            {
                var blob = await BuildBlobAsync(layer, content, spanSize, buildTool, bytesRead, cancellationToken).ConfigureAwait(false);
                var files = blob.Ztoc.Files;
                var noXattrs = files.All(f => f.Xattrs.Count == 0);
                return new LayerZtoc(blob.Bytes, blob.Digest, layer, blob.Ztoc.CompressionInfo.MaxSpanId + 1, files.Count, noXattrs);
            }
            catch (UnsupportedTarEntryException unsupported)
            {
                throw new UnindexableLayerException(unsupported.Message, unsupported);
            }
        }

        private static async Task<ZtocBlob> BuildBlobAsync(
            Descriptor layer, Stream content, long spanSize, string buildTool, IProgress<long>? bytesRead, CancellationToken cancellationToken)
        {
            switch (SociLayerPolicy.Compression(layer.MediaType))
            {
                case "gzip":
                    var toc = new TarTocBuilder();
                    var gzip = await GzipCheckpointIndexer.IndexAsync(content, spanSize, toc, bytesRead, cancellationToken).ConfigureAwait(false);
                    var tar = toc.Complete();
                    return ZtocAssembler.AssembleGzip(tar.Entries, gzip.CompressedSize, tar.UncompressedArchiveSize,
                        new GzipZinfo(gzip.Checkpoints, spanSize), gzip.SpanDigests, buildTool);
                case "uncompressed":
                case "unknown":
                    return await TarLayerZtocBuilder.BuildAsync(content, spanSize, buildTool, bytesRead, cancellationToken).ConfigureAwait(false);
                case "zstd":
                    throw new UnindexableLayerException(CompressionAlgorithms.ZstdSkipReason);
                default:
                    throw new UnindexableLayerException($"media type '{layer.MediaType}' names no compression soci can index");
            }
        }
    }
}
