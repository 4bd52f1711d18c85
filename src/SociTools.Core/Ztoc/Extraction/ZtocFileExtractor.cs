using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;

namespace SociTools.Core.Ztoc.Extraction
{
    /// <summary>
    /// Reads one file out of a layer using its zTOC: only the stored bytes of the spans that hold the file are read,
    /// from wherever the layer is (a local blob or HTTP range requests), and each span is checked against its digest
    /// in the zTOC as it is read.
    /// </summary>
    public sealed class ZtocFileExtractor
    {
        private const int BufferSize = 81920;

        private readonly ZtocDocument _ztoc;
        private readonly string _layerName;
        private readonly Func<long, long, CancellationToken, Task<Stream>> _readLayerRange;

        /// <param name="layerName">How messages name the layer, e.g. "layer sha256:…".</param>
        /// <param name="readLayerRange">Opens <c>length</c> bytes of the stored layer blob from <c>offset</c>.</param>
        public ZtocFileExtractor(ZtocDocument ztoc, string layerName, Func<long, long, CancellationToken, Task<Stream>> readLayerRange)
        {
            _ztoc = ztoc ?? throw new ArgumentNullException(nameof(ztoc));
            _layerName = layerName ?? throw new ArgumentNullException(nameof(layerName));
            _readLayerRange = readLayerRange ?? throw new ArgumentNullException(nameof(readLayerRange));
        }

        /// <summary>
        /// Writes the file to <paramref name="destination"/>. The bytes written come from spans not yet all checked (a span's
        /// digest covers its last byte too), so write them where a <see cref="Oci.Content.ContentVerificationException"/> discards them.
        /// </summary>
        /// <exception cref="Oci.Content.ContentVerificationException">A span read does not match its digest in the zTOC.</exception>
        public async Task<ExtractedFile> ExtractAsync(FileMetadata file, Stream destination, CancellationToken cancellationToken)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (file.UncompressedSize == 0) return new ExtractedFile(file, 0, 0);
            if (_ztoc.CompressionInfo.Algorithm == CompressionAlgorithm.Uncompressed)
            {
                return await ExtractFromTarAsync(file, destination, cancellationToken).ConfigureAwait(false);
            }
            var checkpoints = GzipZinfo.Read(_ztoc.CompressionInfo.Checkpoints).Checkpoints;
            var layout = new GzipSpanLayout(checkpoints, _ztoc.CompressedArchiveSize, _ztoc.UncompressedArchiveSize);
            var decoder = new GzipSpanDecoder(checkpoints, _ztoc.CompressedArchiveSize, _ztoc.UncompressedArchiveSize, CheckedRange(layout));
            var (first, last) = layout.SpansCovering(file.UncompressedOffset, file.UncompressedSize);
            var read = await decoder.ExtractAsync(file.UncompressedOffset, file.UncompressedSize, destination, cancellationToken).ConfigureAwait(false);
            return new ExtractedFile(file, read, last - first + 1);
        }

        /// <summary>An uncompressed layer is read in whole spans, so each one can be checked.</summary>
        private async Task<ExtractedFile> ExtractFromTarAsync(FileMetadata file, Stream destination, CancellationToken cancellationToken)
        {
            var zinfo = TarZinfo.Parse(_ztoc.CompressionInfo.Checkpoints);
            var first = zinfo.SpanOf(file.UncompressedOffset);
            var last = zinfo.SpanOf(file.UncompressedOffset + file.UncompressedSize - 1);
            var start = zinfo.SpanStart(first);
            var end = zinfo.SpanEnd(last);
            using (var range = await CheckedRange(zinfo)(start, end - start, cancellationToken).ConfigureAwait(false))
            {
                await CopyExactlyAsync(range, Stream.Null, file.UncompressedOffset - start, cancellationToken).ConfigureAwait(false);
                await CopyExactlyAsync(range, destination, file.UncompressedSize, cancellationToken).ConfigureAwait(false);
                await range.CopyToAsync(Stream.Null, BufferSize, cancellationToken).ConfigureAwait(false);
            }
            return new ExtractedFile(file, end - start, last - first + 1);
        }

        private Func<long, long, CancellationToken, Task<Stream>> CheckedRange(IStoredSpans spans) => async (offset, length, cancellationToken) =>
        {
            var verifier = new SpanDigestVerifier(spans, _ztoc.CompressionInfo.SpanDigests, _layerName, offset, length);
            try
            {
                var range = await _readLayerRange(offset, length, cancellationToken).ConfigureAwait(false);
                return new SpanCheckingStream(range, verifier, offset);
            }
            catch
            {
                verifier.Dispose();
                throw;
            }
        };

        private async Task CopyExactlyAsync(Stream source, Stream destination, long size, CancellationToken cancellationToken)
        {
            var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(1, size))];
            var remaining = size;
            while (remaining > 0)
            {
                var n = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new SociFormatException($"The bytes of {_layerName} ended {remaining} bytes before the end of the file the zTOC describes.");
                await destination.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                remaining -= n;
            }
        }
    }
}
