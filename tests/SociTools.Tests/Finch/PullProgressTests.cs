using System.Linq;
using SociTools.Core.Finch.Output;
using SociTools.Core.Oci;
using Xunit;
using static SociTools.Tests.Finch.FinchOutputText;

namespace SociTools.Tests.Finch
{
    public class PullProgressTests
    {
        private const string Image = "docker.io/library/app:1.0";

        private static PullProgress Read(string output)
        {
            var progress = new PullProgress();
            foreach (var line in output.Split('\n')) progress.Accept(line);
            return progress;
        }

        [Fact]
        public void Repeated_blocks_leave_the_latest_state_per_ref_and_count_downloaded_layers()
        {
            var output = Repeated(new[]
            {
                new[] { Row(Image, "resolving", 0), Elapsed(0.1, "0.0 B", "0.0 B/s") },
                new[]
                {
                    Row(Image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')),
                    Row("layer-" + Sha('a'), "downloading", 9, "25.0 MiB", "106.0 MiB"),
                    Row("layer-" + Sha('b'), "waiting", 0),
                    Elapsed(1.2, "25.0 MiB", "20.8 MiB/s"),
                },
                new[]
                {
                    Row(Image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')),
                    Done("layer-" + Sha('a')), Row("layer-" + Sha('b'), "downloading", 20, "106.0 MiB", "200.0 MiB"),
                    Elapsed(5.0, "212.0 MiB", "42.4 MiB/s"),
                },
            });

            var progress = Read(output);

            Assert.Equal(Image, progress.ImageRef);
            Assert.Equal(new[] { ProgressRefKind.Image, ProgressRefKind.Index, ProgressRefKind.Manifest, ProgressRefKind.Config, ProgressRefKind.Layer, ProgressRefKind.Layer },
                progress.Blobs.Select(b => b.Kind));
            Assert.Equal(new[] { Digest.Parse(Sha('a')), Digest.Parse(Sha('b')) }, progress.LayersFetchedInFull);
            var second = progress.Blobs.Last();
            Assert.Equal(TransferStatus.Downloading, second.Status);
            Assert.Equal("106.0 Mi", second.Current!.Text);
            Assert.True(second.Current.Truncated);
            Assert.Equal(106L * 1024 * 1024, second.Current.Bytes);
            Assert.False(second.Total!.Truncated);
            Assert.Equal(200L * 1024 * 1024, second.Total.Bytes);
            Assert.Equal(5.0, progress.LastElapsed!.Seconds);
            Assert.Equal("42.4 MiB/s", progress.LastElapsed.Rate);
        }

        [Fact]
        public void Elapsed_total_cut_to_six_characters_keeps_a_partial_unit_or_none()
        {
            var withPartialUnit = ElapsedLine.TryParse(TerminalText.Strip(Elapsed(1, "63.8 MiB", "1.0 MiB/s")).Trim())!;
            var withoutUnit = ElapsedLine.TryParse(TerminalText.Strip(Elapsed(1, "106.0 MiB", "1.0 MiB/s")).Trim())!;

            Assert.Equal("63.8 M", withPartialUnit.Total!.Text);
            Assert.Equal((long)System.Math.Round(63.8 * 1024 * 1024), withPartialUnit.Total.Bytes);
            Assert.True(withPartialUnit.Total.Truncated);
            Assert.Equal("106.0", withoutUnit.Total!.Text);
            Assert.Null(withoutUnit.Total.Bytes);
            Assert.True(withoutUnit.Total.Truncated);
        }

        [Fact]
        public void A_lazy_pull_shows_no_layer_rows_and_fetches_nothing_in_full()
        {
            var output = Repeated(new[]
            {
                new[] { Row(Image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Row("config-" + Sha('3'), "downloading", 10, "1.2 KiB", "4.5 KiB"), Elapsed(0.3, "1.2 KiB", "4.0 KiB/s") },
                new[] { Row(Image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')), Elapsed(0.4, "4.5 KiB", "11.2 KiB/s") },
            });

            var progress = Read(output);

            Assert.True(progress.Seen);
            Assert.Empty(progress.LayersFetchedInFull);
            Assert.DoesNotContain(progress.Blobs, b => b.Kind == ProgressRefKind.Layer);
        }

        [Fact]
        public void Layers_already_stored_are_not_counted_as_fetched()
        {
            var progress = Read(Repeated(new[]
            {
                new[] { Row(Image, "resolved", 38), Row("layer-" + Sha('c'), "exists", 38), Row("layer-" + Sha('d'), "waiting", 0), Elapsed(0.2, "0.0 B", "0.0 B/s") },
                new[] { Row(Image, "resolved", 38), Row("layer-" + Sha('c'), "exists", 38), Done("layer-" + Sha('d')), Elapsed(0.9, "3.0 MiB", "3.3 MiB/s") },
            }));

            Assert.Equal(new[] { Digest.Parse(Sha('d')) }, progress.LayersFetchedInFull);
        }

        [Fact]
        public void Terminal_redraws_with_erase_codes_read_like_repeated_blocks()
        {
            var output = Redrawn(new[]
            {
                new[] { Row(Image, "resolved", 38), Row("layer-" + Sha('a'), "downloading", 1, "1.0 MiB", "50.0 MiB"), Elapsed(0.1, "1.0 MiB", "10.0 MiB/s") },
                new[] { Row(Image, "resolved", 38), Row("layer-" + Sha('a'), "downloading", 30, "40.0 MiB", "50.0 MiB"), Elapsed(0.2, "40.0 MiB", "200.0 MiB/s") },
            });

            var progress = Read(output);

            var layer = Assert.Single(progress.Blobs, b => b.Kind == ProgressRefKind.Layer);
            Assert.Equal(40L * 1024 * 1024, layer.Current!.Bytes);
            Assert.Equal(2, progress.Blobs.Count);
        }

        [Fact]
        public void Lines_outside_the_table_are_left_to_the_caller()
        {
            var progress = new PullProgress();

            Assert.Equal(ProgressInput.NotProgress, progress.Accept(KeyValueLog("info", "soci: pushing soci index with digest: " + Sha('e'))));
            Assert.Equal(ProgressInput.NotProgress, progress.Accept("hello from the container: done"));
            Assert.Equal(ProgressInput.Row, progress.Accept(Row("unknown-" + Sha('f'), "waiting", 0)));
            Assert.Equal(ProgressInput.BlockEnd, progress.Accept(Elapsed(0.1, "0.0 B", "0.0 B/s")));
            Assert.Equal(ProgressRefKind.Unknown, Assert.Single(progress.Blobs).Kind);
        }

        [Theory]
        [InlineData("35.0 MiB", 35L * 1024 * 1024, false)]
        [InlineData("1023.9 K", 1048474L, true)]
        [InlineData("512.0 B", 512L, false)]
        [InlineData("1.5 GiB", 1610612736L, false)]
        public void Sizes_use_binary_units_and_mark_cut_units(string text, long bytes, bool truncated)
        {
            var size = ProgressSize.TryParse(text)!;

            Assert.Equal(bytes, size.Bytes);
            Assert.Equal(truncated, size.Truncated);
        }

        [Fact]
        public void A_size_beyond_a_long_keeps_its_text_without_bytes()
        {
            var size = ProgressSize.TryParse("99999999999999999999.0 EiB")!;

            Assert.Null(size.Bytes);
            Assert.Equal("99999999999999999999.0 EiB", size.Text);
        }

        [Fact]
        public void Text_that_is_not_a_size_is_rejected()
        {
            Assert.Null(ProgressSize.TryParse("lots"));
            Assert.Null(ProgressSize.TryParse("12 parsecs"));
        }
    }
}
