using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Ztoc;
using SociTools.Tests.Tar;
using Xunit;
using static SociTools.Tests.Tar.TarTestSupport;

namespace SociTools.Tests.Ztoc
{
    public class TarLayerZtocBuilderTests
    {
        [Fact]
        public void Writes_the_tar_zinfo_flatbuffer_soci_stores_for_uncompressed_layers()
        {
            var bytes = new TarZinfo(4194304, 20971520).ToBytes();

            Assert.Equal("140000000000000000000A001C0018000C0004000A000000000040010000000000004000000000000000000002000000",
                Convert.ToHexString(bytes));
            var parsed = TarZinfo.Parse(bytes);
            Assert.Equal((2, 4194304L, 20971520L, 4), (parsed.Version, parsed.SpanSize, parsed.Size, parsed.MaxSpanId));
        }

        [Theory]
        [InlineData(0, 100, -1)]
        [InlineData(1, 100, 0)]
        [InlineData(100, 100, 0)]
        [InlineData(101, 100, 1)]
        [InlineData(1000, 100, 9)]
        public void Counts_fixed_size_spans_as_soci_does(long size, long spanSize, int maxSpanId)
        {
            Assert.Equal(maxSpanId, new TarZinfo(spanSize, size).MaxSpanId);
        }

        [Fact]
        public async Task Builds_the_whole_ztoc_of_an_uncompressed_tar_layer()
        {
            using var root = TempDirectory();
            for (var i = 0; i < 30; i++) File.WriteAllBytes(Path.Combine(root, $"file-{i:D2}"), Content(i, 2000 + i * 997));
            File.WriteAllBytes(Path.Combine(root, "large"), Content(77, 300000));
            var tar = GnuTar(root, "--format=pax", "--sort=name", ".");
            const long spanSize = 65536;
            var progress = new RecordingProgress();

            var blob = await TarLayerZtocBuilder.BuildAsync(new MemoryStream(tar), spanSize, "SociTools test", progress, CancellationToken.None);

            var ztoc = blob.Ztoc;
            Assert.Equal(tar.Length, ztoc.CompressedArchiveSize);
            Assert.Equal(BuildToc(tar).UncompressedArchiveSize, ztoc.UncompressedArchiveSize);
            Assert.Equal(CompressionAlgorithm.Uncompressed, ztoc.CompressionInfo.Algorithm);
            var spans = (tar.Length + spanSize - 1) / spanSize;
            Assert.Equal(spans - 1, ztoc.CompressionInfo.MaxSpanId);
            for (var i = 0; i < spans; i++)
            {
                var start = (int)(i * spanSize);
                var length = (int)Math.Min(spanSize, tar.Length - start);
                Assert.Equal(Digest.Compute(tar, start, length), ztoc.CompressionInfo.SpanDigests[i]);
            }
            Assert.Equal(new TarZinfo(spanSize, tar.Length).ToBytes(), ztoc.CompressionInfo.Checkpoints);
            var large = ztoc.Files.Single(f => f.Name.ToString() == "./large");
            Assert.Equal("reg", large.Type);
            Assert.Equal(Content(77, 300000), tar.AsSpan((int)large.UncompressedOffset, (int)large.UncompressedSize).ToArray());
            Assert.Equal(tar.Length, progress.Last);

            var read = ZtocReader.Read(blob.Bytes);
            Assert.Equal(blob.Bytes, ZtocWriter.Write(read));
            Assert.Equal(Digest.Compute(blob.Bytes), blob.Digest);
            Assert.Equal(ztoc.Files.Select(f => f.ToString()), read.Files.Select(f => f.ToString()));
        }

        [Fact]
        public async Task Describes_files_and_their_spans_like_soci_ztoc_info()
        {
            var tar = new RawTarWriter();
            tar.File("first", Content(1, 100));
            tar.File("spanning", Content(2, 3000));
            tar.Header("dir/", (byte)'5');
            tar.End();
            var bytes = tar.ToArray();

            var blob = await TarLayerZtocBuilder.BuildAsync(new MemoryStream(bytes), 1024, "t", null, CancellationToken.None);
            var info = ZtocInfo.CreateForTarLayer(blob);

            Assert.Equal(("0.9", "t", blob.Size, 1024L, "uncompressed"), (info.Version, info.BuildTool, info.Size, info.SpanSize, info.Compression));
            Assert.Equal(bytes.Length / 1024, info.SpanCount);
            Assert.Equal(3, info.FileCount);
            var first = info.Files[0];
            Assert.Equal(("first", 512L, 612L, 0, 0), (first.Name.ToString(), first.Offset, first.EndOffset, first.StartSpan, first.EndSpan));
            var spanning = info.Files[1];
            Assert.Equal((1536L, 4536L, 1, 4), (spanning.Offset, spanning.EndOffset, spanning.StartSpan, spanning.EndSpan));
            Assert.Equal(1, info.MultiSpanFileCount);
            Assert.Equal("2023-11-14T22:13:20Z", spanning.ModTime.ToString());
            Assert.Equal((420L, 1000u), (spanning.Mode, spanning.Uid));
        }

        [Fact]
        public void Span_of_an_offset_is_the_last_span_starting_at_or_before_it()
        {
            var starts = new long[] { 0, 100, 250 };

            Assert.Equal(new[] { 0, 0, 1, 1, 2, 2 }, new long[] { -5, 99, 100, 249, 250, 10_000 }.Select(o => ZtocInfo.SpanOf(starts, o)));
        }

        [Fact]
        public async Task An_empty_layer_has_no_spans_and_no_files()
        {
            var blob = await TarLayerZtocBuilder.BuildAsync(new MemoryStream(), 1024, "t", null, CancellationToken.None);

            var read = ZtocReader.Read(blob.Bytes);
            Assert.Equal((-1, 0, 0, 0L), (read.CompressionInfo.MaxSpanId, read.CompressionInfo.SpanDigests.Count, read.Files.Count, read.UncompressedArchiveSize));
        }

        [Fact]
        public async Task Honours_cancellation()
        {
            var tar = new RawTarWriter();
            tar.File("a", Content(1, 10));
            tar.End();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                TarLayerZtocBuilder.BuildAsync(new MemoryStream(tar.ToArray()), 1024, "t", null, new CancellationToken(true)));
        }

        [Fact]
        public async Task Fails_with_a_format_error_on_a_layer_that_is_not_a_tar()
        {
            await Assert.ThrowsAsync<SociTools.Core.SociFormatException>(() =>
                TarLayerZtocBuilder.BuildAsync(new MemoryStream(Content(5, 4096)), 1024, "t", null, CancellationToken.None));
        }

        private sealed class RecordingProgress : IProgress<long>
        {
            public long Last { get; private set; }

            public void Report(long value) => Last = value;
        }
    }
}
