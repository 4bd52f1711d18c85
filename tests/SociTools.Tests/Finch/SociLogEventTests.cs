using SociTools.Core.Finch;
using SociTools.Core.Finch.Output;
using SociTools.Core.Oci;
using Xunit;
using static SociTools.Tests.Finch.FinchOutputText;

namespace SociTools.Tests.Finch
{
    public class SociLogEventTests
    {
        private static SociLogEvent? Read(string line)
        {
            var (level, message) = FinchLogMessage.Parse(Core.Finch.Output.TerminalText.Strip(line));
            return SociLogEvent.TryParse(level, message);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Reads_a_layer_to_ztoc_line_in_both_log_forms(bool terminal)
        {
            var message = $"soci: layer {Sha('a')} -> ztoc {Sha('b')} (already exists)";
            var line = terminal ? TerminalLog("info", message) : KeyValueLog("info", message);

            var read = Read(line)!;

            Assert.Equal(SociLogEventKind.LayerIndexed, read.Kind);
            Assert.Equal("info", read.Level);
            Assert.Equal(Digest.Parse(Sha('a')), read.LayerDigest);
            Assert.Equal(Digest.Parse(Sha('b')), read.ZtocDigest);
            Assert.True(read.AlreadyExists);
        }

        [Fact]
        public void Reads_a_layer_skipped_for_its_size()
        {
            var read = Read(KeyValueLog("info",
                $"soci: ztoc skipped - layer {Sha('c')} (application/vnd.oci.image.layer.v1.tar+gzip) size 2048 is less than min-layer-size 10485760"))!;

            Assert.Equal(SociLogEventKind.LayerSkipped, read.Kind);
            Assert.Equal(2048, read.LayerSize);
            Assert.Equal(10485760, read.MinLayerSize);
            Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", read.LayerMediaType);
        }

        [Fact]
        public void Reads_a_layer_skipped_for_its_compression()
        {
            var read = Read(TerminalLog("info",
                $"soci: ztoc skipped - layer {Sha('c')} (application/vnd.oci.image.layer.v1.tar+zstd) is compressed in an unsupported format. expect: [tar, gzip, unknown] but got \"zstd\""))!;

            Assert.Equal(SociLogEventKind.LayerSkipped, read.Kind);
            Assert.Contains("unsupported format", read.SkipReason);
        }

        [Theory]
        [InlineData("soci: checking if a soci index already exists in remote repository...", SociLogEventKind.CheckingExistingIndex, false)]
        [InlineData("soci: [WARN] soci index found in remote repository with digest: DIGEST: pushing index anyway", SociLogEventKind.ExistingIndexFound, true)]
        [InlineData("soci: pushing soci index with digest: DIGEST", SociLogEventKind.PushingIndex, true)]
        [InlineData("soci: pushing artifact with digest: DIGEST", SociLogEventKind.PushingArtifact, true)]
        [InlineData("soci: successfully pushed artifact with digest: DIGEST", SociLogEventKind.PushedArtifact, true)]
        [InlineData("soci: skipped artifact with digest: DIGEST", SociLogEventKind.SkippedArtifact, true)]
        [InlineData("soci: soci: no ztocs created, all layers either skipped or produced errors", SociLogEventKind.NoZtocsCreated, false)]
        [InlineData("soci: soci: error pushing graph to remote: 401 Unauthorized", SociLogEventKind.Failed, false)]
        [InlineData("soci: something new", SociLogEventKind.Other, false)]
        public void Reads_push_lines_with_their_digest(string message, SociLogEventKind kind, bool hasDigest)
        {
            var read = Read(KeyValueLog("info", message.Replace("DIGEST", Sha('d'))))!;

            Assert.Equal(kind, read.Kind);
            Assert.Equal(hasDigest ? Digest.Parse(Sha('d')) : (Digest?)null, read.Digest);
        }

        [Fact]
        public void Doubled_prefix_failures_keep_socis_own_words()
        {
            var read = Read(KeyValueLog("info", "soci: soci: no ztocs created, all layers either skipped or produced errors"))!;

            Assert.Equal("no ztocs created, all layers either skipped or produced errors", read.Text);
        }

        [Fact]
        public void Other_log_lines_are_not_soci_events()
        {
            Assert.Null(Read(KeyValueLog("info", "pulling image")));
            Assert.Null(Read("soci: printed by a container, not a log line"));
        }
    }
}
