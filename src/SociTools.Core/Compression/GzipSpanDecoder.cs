using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression.Deflate;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Compression
{
    /// <summary>Decodes any uncompressed range of a gzip layer from the compressed bytes of the spans that cover it (§2.4).</summary>
    public sealed class GzipSpanDecoder
    {
        private const int InputBufferSize = 64 * 1024;

        private readonly Func<long, long, CancellationToken, Task<Stream>> _readCompressed;

        public GzipSpanDecoder(
            IReadOnlyList<Checkpoint> checkpoints, long compressedSize, long uncompressedSize,
            Func<long, long, CancellationToken, Task<Stream>> readCompressed)
        {
            Layout = new GzipSpanLayout(checkpoints, compressedSize, uncompressedSize);
            _readCompressed = readCompressed ?? throw new ArgumentNullException(nameof(readCompressed));
        }

        public GzipSpanLayout Layout { get; }

        /// <summary>
        /// Writes <paramref name="size"/> bytes from <paramref name="uncompressedOffset"/>; returns the compressed bytes read, which are
        /// those of every span covering the range, whole.
        /// </summary>
        public async Task<long> ExtractAsync(long uncompressedOffset, long size, Stream destination, CancellationToken ct)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            var (first, last) = Layout.SpansCovering(uncompressedOffset, size);
            if (size == 0) return 0;
            var (start, end) = Layout.CompressedRange(first, last);
            var checkpoint = Layout.CheckpointOf(first);

            using var compressed = await _readCompressed(start, end - start, ct).ConfigureAwait(false);
            var source = new StreamSource(compressed);
            var input = new DeflateBitInput(source, InputBufferSize, start);
            if (checkpoint.Bits != 0)
            {
                var shared = input.ReadByte("the first byte of a span");
                input.BitBuffer = (ulong)(shared >> (8 - checkpoint.Bits));
                input.BitCount = checkpoint.Bits;
            }

            var toSkip = uncompressedOffset - checkpoint.UncompressedOffset;
            var toWrite = size;
            bool Deliver(byte[] buffer, int offset, int count)
            {
                ct.ThrowIfCancellationRequested();
                var skipped = (int)Math.Min(toSkip, count);
                toSkip -= skipped;
                var written = (int)Math.Min(toWrite, count - skipped);
                if (written > 0) destination.Write(buffer, offset + skipped, written);
                toWrite -= written;
                return toWrite > 0;
            }

            try
            {
                Inflate(input, Deliver, checkpoint.Window, first, last, start, end, () => toWrite);
            }
            catch (SociFormatException error) when (!(error is ContentVerificationException))
            {
                // Bytes that fail to decode are often bytes that differ from the layer the zTOC was built from; a source
                // checking span digests says so when it reads the rest, which is the more useful message.
                await compressed.CopyToAsync(Stream.Null, InputBufferSize, ct).ConfigureAwait(false);
                throw;
            }
            // The decoder stops at the range's end; the rest of the last span is read too, so a checking source sees every span whole.
            await compressed.CopyToAsync(Stream.Null, InputBufferSize, ct).ConfigureAwait(false);
            return end - start;
        }

        private static void Inflate(
            DeflateBitInput input, InflatedBytesHandler deliver, byte[] window, int first, int last, long start, long end, Func<long> remaining)
        {
            var inflater = new DeflateInflater(input, deliver);
            inflater.SetDictionary(window);
            while (true)
            {
                inflater.InflateToEndOfStream();
                if (inflater.Stopped) return;
                input.AlignToByte();
                input.SkipBytes(8, "a gzip member trailer");
                if (input.AtEndOfStream())
                {
                    throw new SociFormatException(
                        $"The compressed bytes [{start}, {end}) of spans {first}..{last} ended {remaining()} bytes before the requested range did; the checkpoints do not match this layer.");
                }
                GzipFraming.SkipHeader(input);
                inflater = new DeflateInflater(input, deliver);
            }
        }
    }
}
