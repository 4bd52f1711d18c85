using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using Xunit;

namespace SociTools.Tests.Compression
{
    public class GzipCheckpointIndexerTests
    {
        private static Task<GzipIndex> Index(byte[] gzip, long spanSize, CollectingSink? sink = null) =>
            GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), spanSize, sink, null, CancellationToken.None);

        private static async Task AssertMatchesZlib(byte[] data, byte[] gzip, long spanSize)
        {
            var sink = new CollectingSink();
            var index = await Index(gzip, spanSize, sink);

            var expected = ZlibBlockOracle.Checkpoints(gzip, spanSize);
            Assert.Equal(expected, index.Checkpoints.Select(c => (c.CompressedOffset, c.UncompressedOffset, (int)c.Bits)).ToList());
            Assert.Equal(data, sink.ToArray());
            Assert.Equal(data.Length, index.UncompressedSize);
            Assert.Equal(gzip.Length, index.CompressedSize);
            AssertWindowsAndDigests(data, gzip, index);
        }

        private static void AssertWindowsAndDigests(byte[] data, byte[] gzip, GzipIndex index)
        {
            foreach (var checkpoint in index.Checkpoints)
            {
                var expectedWindow = new byte[Checkpoint.WindowSize];
                var from = Math.Max(0, checkpoint.UncompressedOffset - Checkpoint.WindowSize);
                var length = (int)(checkpoint.UncompressedOffset - from);
                Array.Copy(data, from, expectedWindow, Checkpoint.WindowSize - length, length);
                Assert.Equal(expectedWindow, checkpoint.Window);
            }
            var layout = new GzipSpanLayout(index.Checkpoints, index.CompressedSize, index.UncompressedSize);
            Assert.Equal(index.Checkpoints.Count, index.SpanDigests.Count);
            for (var span = 0; span < layout.SpanCount; span++)
            {
                var start = (int)layout.StartCompressedOffset(span);
                var end = (int)layout.EndCompressedOffset(span);
                Assert.Equal(Digest.FromSha256Hash(SHA256.HashData(gzip.AsSpan(start, end - start))), index.SpanDigests[span]);
            }
        }

        [Theory]
        [InlineData(CompressionLevel.Optimal, 65536)]
        [InlineData(CompressionLevel.Fastest, 100000)]
#if !NETFRAMEWORK
        [InlineData(CompressionLevel.SmallestSize, 30000)] // .NET 6+ only
#endif
        [InlineData(CompressionLevel.NoCompression, 50000)]
        public async Task Checkpoints_windows_and_digests_match_zlib_for_dotnet_gzip(CompressionLevel level, long spanSize)
        {
            var data = GzipFixtures.VariedContent(3_000_000, 1);
            await AssertMatchesZlib(data, GzipFixtures.DotNetGzip(data, level), spanSize);
        }

        [Fact]
        public async Task Checkpoints_match_zlib_for_gzip_dash_9_output_larger_than_the_read_chunks()
        {
            var data = GzipFixtures.VariedContent(5_000_000, 2);
            await AssertMatchesZlib(data, GzipFixtures.External("gzip", "-9 -n", data), 65536);
        }

        [Fact]
        public async Task Checkpoints_match_zlib_for_gzip_output_with_the_file_name_in_its_header()
        {
            var data = GzipFixtures.VariedContent(1_000_000, 34);
            var gzip = GzipFixtures.External("gzip", "-6", data);
            Assert.Equal(0x08, gzip[3] & 0x08);
            await AssertMatchesZlib(data, gzip, 65536);
        }

        [Fact]
        public async Task Checkpoints_match_zlib_for_pigz_output()
        {
            var data = GzipFixtures.VariedContent(4_000_000, 3);
            await AssertMatchesZlib(data, GzipFixtures.External("pigz", "-p 2 -b 64", data), 100000);
        }

        [Fact]
        public async Task Multi_member_gzip_continues_offsets_and_checkpoints_across_members()
        {
            var first = GzipFixtures.VariedContent(700_000, 4);
            var second = GzipFixtures.VariedContent(900_000, 5);
            var third = GzipFixtures.VariedContent(10, 6);
            var gzip = GzipFixtures.Concat(
                GzipFixtures.DotNetGzip(first, CompressionLevel.Optimal),
                GzipFixtures.External("pigz", "-6", second),
                GzipFixtures.DotNetGzip(third, CompressionLevel.Fastest));
            var data = GzipFixtures.Concat(first, second, third);
            await AssertMatchesZlib(data, gzip, 40000);
        }

        [Fact]
        public async Task Spec_worked_example_with_a_flush_every_10000_bytes_and_span_20000_checkpoints_every_30000()
        {
            var data = GzipFixtures.VariedContent(100_000, 7);
#if NETFRAMEWORK
            // .NET Framework's and Mono's GZipStream.Flush end no deflate block (only .NET Core's does a zlib sync
            // flush), so there the blocks every 10000 bytes come from the tests' own encoder.
            var gzip = FixedHuffmanGzip.Member(data, 10000);
#else
            var gzip = GzipFixtures.DotNetGzipFlushedEvery(data, 10000, CompressionLevel.Optimal);
#endif

            var index = await Index(gzip, 20000);

            Assert.Equal(new long[] { 0, 30000, 60000, 90000 }, index.Checkpoints.Select(c => c.UncompressedOffset));
            Assert.Equal(10, index.Checkpoints[0].CompressedOffset);
            Assert.Equal(ZlibBlockOracle.Checkpoints(gzip, 20000), index.Checkpoints.Select(c => (c.CompressedOffset, c.UncompressedOffset, (int)c.Bits)).ToList());
        }

        [Fact]
        public async Task Stored_fixed_and_dynamic_blocks_in_one_member_are_all_indexed()
        {
            var random = new Random(8);
            var noise = new byte[40000];
            random.NextBytes(noise);
            var data = GzipFixtures.Concat(
                System.Text.Encoding.ASCII.GetBytes("tiny"),
                noise,
                GzipFixtures.VariedContent(200_000, 9),
                System.Text.Encoding.ASCII.GetBytes("end"));
            var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(data, 0, 4);
                gzip.Flush();
                gzip.Write(data, 4, noise.Length);
                gzip.Flush();
                gzip.Write(data, 4 + noise.Length, data.Length - 4 - noise.Length);
            }
            await AssertMatchesZlib(data, output.ToArray(), 1000);
        }

        [Fact]
        public async Task Empty_first_block_gives_a_second_checkpoint_at_output_zero_as_zlib_does()
        {
            var data = GzipFixtures.VariedContent(100_000, 35);
            var deflated = new MemoryStream();
            using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
            var gzip = GzipFixtures.Concat(
                new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 },
                new byte[] { 0x00, 0x00, 0x00, 0xFF, 0xFF },
                deflated.ToArray(),
                GzipFixtures.Trailer(GzipFixtures.Crc32(data), (uint)data.Length));

            var index = await Index(gzip, 30000);

            Assert.Equal((10L, 0L), (index.Checkpoints[0].CompressedOffset, index.Checkpoints[0].UncompressedOffset));
            Assert.Equal((15L, 0L), (index.Checkpoints[1].CompressedOffset, index.Checkpoints[1].UncompressedOffset));
            await AssertMatchesZlib(data, gzip, 30000);
        }

        [Fact]
        public async Task Header_with_extra_name_comment_and_header_crc_puts_the_first_checkpoint_after_the_header()
        {
            var data = GzipFixtures.VariedContent(300_000, 10);
            var extra = new byte[60000];
            new Random(11).NextBytes(extra);
            var gzip = GzipFixtures.GzipWithHeaderFields(data, extra, "layer.tar", "a comment");

            var index = await Index(gzip, 50000);

            Assert.Equal(10 + 2 + extra.Length + "layer.tar".Length + 1 + "a comment".Length + 1 + 2, index.Checkpoints[0].CompressedOffset);
            await AssertMatchesZlib(data, gzip, 50000);
        }

        [Fact]
        public async Task Wrong_crc_in_the_trailer_is_a_format_error_naming_the_trailer_offset()
        {
            var data = GzipFixtures.VariedContent(200_000, 12);
            var gzip = GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal);
            gzip[^8] ^= 0x01;

            var error = await Assert.ThrowsAsync<SociFormatException>(() => Index(gzip, 65536));

            Assert.Contains($"the CRC32 in the member trailer at compressed offset {gzip.Length - 8} does not match", error.Message);
            Assert.DoesNotContain("unsupported compression method", error.Message);
        }

        [Fact]
        public async Task A_changed_byte_the_deflate_structure_hides_is_reported_as_the_crc_of_its_member_not_as_dotnets_message()
        {
            var first = GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(100_000, 12), CompressionLevel.NoCompression);
            var second = GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(100_000, 13), CompressionLevel.NoCompression);
            var gzip = GzipFixtures.Concat(first, second);
            // Stored blocks: a literal byte changes the output but not the structure, so only the CRC32 can tell.
            gzip[first.Length + 5000] ^= 0x20;

            var error = await Assert.ThrowsAsync<SociFormatException>(() => Index(gzip, 65536));

            Assert.Contains($"the CRC32 in the member trailer at compressed offset {gzip.Length - 8} does not match", error.Message);
            Assert.DoesNotContain("unsupported compression method", error.Message);
        }

        [Fact]
        public async Task Wrong_isize_in_the_trailer_is_a_format_error_naming_the_trailer_offset()
        {
            var data = GzipFixtures.VariedContent(200_000, 13);
            var gzip = GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal);
            gzip[^1] ^= 0x01;

            var error = await Assert.ThrowsAsync<SociFormatException>(() => Index(gzip, 65536));
            Assert.Contains("ISIZE", error.Message);
            Assert.Contains($"compressed offset {gzip.Length - 8}", error.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(11)]
        [InlineData(1000)]
        [InlineData(600_000)]
        [InlineData(-4)]
        [InlineData(-1)]
        public async Task Truncated_gzip_is_a_format_error(int keep)
        {
            var data = GzipFixtures.VariedContent(2_000_000, 14);
            var gzip = GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal);
            var truncated = gzip.AsSpan(0, keep >= 0 ? keep : gzip.Length + keep).ToArray();

            var error = await Assert.ThrowsAsync<SociFormatException>(() => Index(truncated, 65536));
            Assert.Contains("truncated", error.Message);
        }

        [Fact]
        public async Task Trailing_bytes_that_are_not_a_gzip_member_are_a_format_error()
        {
            var gzip = GzipFixtures.Concat(GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(50_000, 15), CompressionLevel.Optimal), new byte[] { 0, 0, 0, 0 });

            var error = await Assert.ThrowsAsync<SociFormatException>(() => Index(gzip, 65536));
            Assert.Contains("Not a gzip member", error.Message);
        }

        [Fact]
        public async Task Corrupted_bytes_anywhere_give_a_format_error_and_never_hang_or_crash()
        {
            var data = GzipFixtures.VariedContent(300_000, 16);
            var gzip = GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal);
            var random = new Random(17);
            for (var trial = 0; trial < 40; trial++)
            {
                var corrupt = (byte[])gzip.Clone();
                var position = random.Next(corrupt.Length);
                corrupt[position] ^= (byte)(1 + random.Next(255));
                try
                {
                    await Index(corrupt, 65536);
                }
                catch (SociFormatException)
                {
                }
            }
        }

        [Fact]
        public async Task Highly_compressible_layer_where_the_decoder_outruns_the_scanner_keeps_exact_windows()
        {
            var data = new byte[60_000_000];
            var random = new Random(19);
            for (var i = 0; i < data.Length; i += 1_000_000) data[i + random.Next(1_000_000)] = (byte)(1 + random.Next(255));
            await AssertMatchesZlib(data, GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal), 1_000_000);
        }

        [Fact]
        public async Task Cancelling_stops_indexing_with_operation_canceled()
        {
            var gzip = GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(3_000_000, 20), CompressionLevel.Optimal);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), 65536, null, null, cancellation.Token));
        }

        [Fact]
        public async Task A_failing_sink_stops_indexing_with_the_sinks_own_exception()
        {
            var gzip = GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(3_000_000, 33), CompressionLevel.Optimal);

            var error = await Assert.ThrowsAsync<SociFormatException>(
                () => GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), 65536, new FailingSink(), null, CancellationToken.None));
            Assert.Equal(FailingSink.Message, error.Message);
        }

        private sealed class FailingSink : IUncompressedSink
        {
            public const string Message = "The tar header at offset 0 is not valid.";

            public void Write(ReadOnlySpan<byte> data) => throw new SociFormatException(Message);
        }

        [Fact]
        public async Task Progress_reports_every_compressed_byte_read()
        {
            var gzip = GzipFixtures.DotNetGzip(GzipFixtures.VariedContent(1_500_000, 18), CompressionLevel.Fastest);
            long last = 0;
            var progress = new SynchronousProgress(value => last = value);

            await GzipCheckpointIndexer.IndexAsync(new MemoryStream(gzip), 65536, null, progress, CancellationToken.None);

            Assert.Equal(gzip.Length, last);
        }

        private sealed class SynchronousProgress : IProgress<long>
        {
            private readonly Action<long> _report;

            public SynchronousProgress(Action<long> report) => _report = report;

            public void Report(long value) => _report(value);
        }
    }
}
