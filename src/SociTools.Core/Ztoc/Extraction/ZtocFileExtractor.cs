using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;

namespace SociTools.Core.Ztoc.Extraction
{
    /// <summary>
    /// Reads one file out of a layer using its zTOC: only the compressed bytes of the spans that
    /// hold the file are read, from wherever the layer is (a local blob or HTTP range requests).
    /// </summary>
    public sealed class ZtocFileExtractor
    {
        private readonly ZtocDocument _ztoc;
        private readonly Func<long, long, CancellationToken, Task<Stream>> _readLayerRange;

        /// <param name="readLayerRange">Opens <c>length</c> bytes of the compressed layer blob from <c>offset</c>.</param>
        public ZtocFileExtractor(ZtocDocument ztoc, Func<long, long, CancellationToken, Task<Stream>> readLayerRange)
        {
            _ztoc = ztoc;
            _readLayerRange = readLayerRange;
        }

        public async Task<ExtractedFile> ExtractAsync(FileMetadata file, Stream destination, CancellationToken cancellationToken)
        {
            if (file.UncompressedSize == 0) return new ExtractedFile(file, 0, 0);
            if (_ztoc.CompressionInfo.Algorithm == CompressionAlgorithm.Uncompressed)
            {
                var zinfo = TarZinfo.Parse(_ztoc.CompressionInfo.Checkpoints);
                using var range = await _readLayerRange(file.UncompressedOffset, file.UncompressedSize, cancellationToken).ConfigureAwait(false);
                await CopyExactlyAsync(range, destination, file.UncompressedSize, cancellationToken).ConfigureAwait(false);
                var spans = SpanCount(zinfo.SpanStartOffsets(), file);
                return new ExtractedFile(file, file.UncompressedSize, spans);
            }
            var checkpoints = GzipZinfo.Read(_ztoc.CompressionInfo.Checkpoints).Checkpoints;
            var decoder = new GzipSpanDecoder(checkpoints, _ztoc.CompressedArchiveSize, _ztoc.UncompressedArchiveSize, _readLayerRange);
            var (first, last) = decoder.Layout.SpansCovering(file.UncompressedOffset, file.UncompressedSize);
            var read = await decoder.ExtractAsync(file.UncompressedOffset, file.UncompressedSize, destination, cancellationToken).ConfigureAwait(false);
            return new ExtractedFile(file, read, last - first + 1);
        }

        private static int SpanCount(System.Collections.Generic.IReadOnlyList<long> spanStarts, FileMetadata file)
        {
            var first = ZtocInfo.SpanOf(spanStarts, file.UncompressedOffset);
            var last = ZtocInfo.SpanOf(spanStarts, file.UncompressedOffset + file.UncompressedSize - 1);
            return last - first + 1;
        }

        private static async Task CopyExactlyAsync(Stream source, Stream destination, long size, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            var remaining = size;
            while (remaining > 0)
            {
                var n = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new SociFormatException($"The layer ended {remaining} bytes before the end of the file the zTOC describes.");
                await destination.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                remaining -= n;
            }
        }
    }
}
