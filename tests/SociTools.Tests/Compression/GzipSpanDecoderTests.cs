using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using Xunit;

namespace SociTools.Tests.Compression
{
    public class GzipSpanDecoderTests
    {
        private sealed class RangeRecorder
        {
            private readonly byte[] _gzip;

            public RangeRecorder(byte[] gzip) => _gzip = gzip;

            public List<(long Offset, long Length)> Requests { get; } = new List<(long, long)>();

            public Task<Stream> Read(long offset, long length, CancellationToken ct)
            {
                Requests.Add((offset, length));
                return Task.FromResult<Stream>(new MemoryStream(_gzip, (int)offset, (int)length, writable: false));
            }
        }

        private static async Task AssertRandomRangesExtractExactly(byte[] data, byte[] gzip, long spanSize, int seed)
        {
            var index = await GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), spanSize, null, null, CancellationToken.None);
            Assert.True(index.Checkpoints.Count > 3, "the test needs several spans");
            var recorder = new RangeRecorder(gzip);
            var decoder = new GzipSpanDecoder(index.Checkpoints, index.CompressedSize, index.UncompressedSize, recorder.Read);
            var random = new Random(seed);
            var ranges = new List<(long, long)> { (0, data.Length), (0, 1), (data.Length - 1, 1), (data.Length, 0) };
            foreach (var checkpoint in index.Checkpoints)
            {
                ranges.Add((checkpoint.UncompressedOffset, Math.Min(100, data.Length - checkpoint.UncompressedOffset)));
                if (checkpoint.UncompressedOffset > 5) ranges.Add((checkpoint.UncompressedOffset - 5, 5));
            }
            for (var i = 0; i < 30; i++)
            {
                var offset = random.Next(data.Length);
                ranges.Add((offset, random.Next(Math.Min(data.Length - offset, 3 * (int)spanSize) + 1)));
            }

            foreach (var (offset, size) in ranges)
            {
                recorder.Requests.Clear();
                var output = new MemoryStream();
                var compressedRead = await decoder.ExtractAsync(offset, size, output, CancellationToken.None);

                Assert.Equal(data.AsSpan((int)offset, (int)size).ToArray(), output.ToArray());
                if (size == 0) continue;
                var (first, last) = decoder.Layout.SpansCovering(offset, size);
                var (start, end) = decoder.Layout.CompressedRange(first, last);
                Assert.Equal(new[] { (start, end - start) }, recorder.Requests);
                Assert.True(compressedRead <= end - start);
            }
        }

        [Fact]
        public async Task Random_ranges_of_a_dotnet_gzip_layer_extract_byte_identical_from_only_their_spans()
        {
            var data = GzipFixtures.VariedContent(2_500_000, 21);
            await AssertRandomRangesExtractExactly(data, GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal), 100_000, 22);
        }

        [Fact]
        public async Task Random_ranges_of_gzip_dash_9_output_extract_byte_identical()
        {
            var data = GzipFixtures.VariedContent(2_000_000, 23);
            await AssertRandomRangesExtractExactly(data, GzipFixtures.External("gzip", "-9 -n", data), 65536, 24);
        }

        [Fact]
        public async Task Ranges_crossing_gzip_member_boundaries_extract_byte_identical()
        {
            var first = GzipFixtures.VariedContent(600_000, 25);
            var second = GzipFixtures.VariedContent(800_000, 26);
            var gzip = GzipFixtures.Concat(
                GzipFixtures.External("pigz", "-p 2 -b 128", first),
                GzipFixtures.DotNetGzip(second, CompressionLevel.Fastest));
            await AssertRandomRangesExtractExactly(GzipFixtures.Concat(first, second), gzip, 50_000, 27);
        }

        [Fact]
        public async Task Ranges_in_stored_blocks_extract_byte_identical()
        {
            var data = GzipFixtures.VariedContent(1_000_000, 28);
            await AssertRandomRangesExtractExactly(data, GzipFixtures.DotNetGzip(data, CompressionLevel.NoCompression), 100_000, 29);
        }

        [Fact]
        public async Task Span_layout_follows_soci_rules_for_shared_bytes_and_the_last_span()
        {
            var data = GzipFixtures.VariedContent(1_000_000, 30);
            var gzip = GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal);
            var index = await GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), 100_000, null, null, CancellationToken.None);
            var layout = new GzipSpanLayout(index.Checkpoints, index.CompressedSize, index.UncompressedSize);

            for (var span = 0; span < layout.SpanCount; span++)
            {
                var checkpoint = index.Checkpoints[span];
                Assert.Equal(checkpoint.CompressedOffset - (checkpoint.Bits != 0 ? 1 : 0), layout.StartCompressedOffset(span));
                Assert.Equal(span, layout.SpanIdOf(checkpoint.UncompressedOffset));
                if (checkpoint.UncompressedOffset > 0) Assert.Equal(span - 1, layout.SpanIdOf(checkpoint.UncompressedOffset - 1));
            }
            Assert.Equal(gzip.Length, layout.EndCompressedOffset(layout.MaxSpanId));
            Assert.Equal(data.Length, layout.EndUncompressedOffset(layout.MaxSpanId));
            var boundary = index.Checkpoints[2].UncompressedOffset;
            Assert.Equal((1, 2), layout.SpansCovering(boundary - 10, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => layout.SpansCovering(data.Length - 5, 6));
        }
    }
}
