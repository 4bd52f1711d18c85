using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using Xunit;

namespace SociTools.Tests.Compression
{
    public class SpanEndExtractionTests
    {
        [Fact]
        public async Task Extracts_a_range_ending_just_before_a_span_boundary_from_that_span_alone()
        {
            // zlib's fastest level writes few, long blocks, so a span ends at a block boundary far into the stream.
            var random = new Random(7);
            var data = new byte[3 << 20];
            random.NextBytes(data);
            var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
            var blob = compressed.ToArray();
            var index = await GzipCheckpointIndexer.IndexAsync(new MemoryStream(blob), 1 << 20, null, null, CancellationToken.None);
            var decoder = new GzipSpanDecoder(index.Checkpoints, index.CompressedSize, index.UncompressedSize,
                (offset, length, _) => Task.FromResult<Stream>(new MemoryStream(blob, (int)offset, (int)length)));
            var lastSpan = index.Checkpoints.Count - 1;
            Assert.True(lastSpan >= 1, "the layer needs at least two spans");
            var spanEnd = index.Checkpoints[lastSpan].UncompressedOffset;

            foreach (var (offset, size) in new[] { (spanEnd - 1001, 1000L), (spanEnd - 2, 1L), (spanEnd - 70001, 69000L) })
            {
                var output = new MemoryStream();
                var read = await decoder.ExtractAsync(offset, size, output, CancellationToken.None);

                Assert.Equal(data.Skip((int)offset).Take((int)size), output.ToArray());
                Assert.True(read <= index.Checkpoints[lastSpan].CompressedOffset, $"read {read} compressed bytes, past the span end");
            }
        }
    }
}
