using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Run;
using SociTools.Core.Finch.Vm;
using SociTools.Core.Oci;
using Xunit;
using static SociTools.Tests.Finch.FinchOutputText;

namespace SociTools.Tests.Finch
{
    public class SociContainerRunTests
    {
        private const string Image = "127.0.0.1:5000/app:1.0";

        private sealed class Collected : System.IProgress<SociRunEvent>
        {
            public List<SociRunEvent> Events { get; } = new List<SociRunEvent>();

            public void Report(SociRunEvent value)
            {
                lock (Events) Events.Add(value);
            }

            public IEnumerable<string> Texts(SociRunEventKind kind) => Events.Where(e => e.Kind == kind).Select(e => e.Text);
        }

        private static async Task<(SociRunOutcome Outcome, Collected Events)> RunAsync(SociRunDouble finch, SociRunRequest request, FinchHostKind kind = FinchHostKind.MacOS)
        {
            var cli = finch.Cli(kind);
            var events = new Collected();
            var outcome = await new SociContainerRun(cli, new SociFuseMounts(cli)).RunAsync(request, events, CancellationToken.None);
            return (outcome, events);
        }

        [Fact]
        public async Task Lazy_run_passes_container_output_through_and_concludes_lazy_from_no_layers_and_fuse_mounts()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image), stdout: "hello from app\n\nsecond line\n").Mounts(3);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image)
            {
                Name = "web",
                RunOptions = new[] { "--rm", "-e", "GREETING=hi there" },
                ContainerArguments = new[] { "echo", "hello from app" },
            });

            Assert.Equal(new[] { new[] { "run", "--snapshotter", "soci", "--name", "web", "--rm", "-e", "GREETING=hi there", Image, "echo", "hello from app" } },
                finch.Finch.Calls.Select(c => c.ToArray()));
            var countMounts = $"LIMA_HOME={Path.Combine(finch.Finch.Root, "lima", "data")} shell finch mount --type=fuse.rawBridge";
            Assert.Equal(new[] { countMounts, countMounts }, finch.LimactlCalls);
            Assert.Equal(new[] { "hello from app", "", "second line" }, events.Texts(SociRunEventKind.ContainerOutput));
            Assert.Empty(events.Texts(SociRunEventKind.ContainerError));
            Assert.Equal(3, events.Events.Count(e => e.Kind == SociRunEventKind.Progress));
            Assert.Equal(0, outcome.ExitCode);
            Assert.Equal(3, outcome.FuseMounts.Count);
            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.True(verdict.LazilyLoaded);
            Assert.Contains("No layer was fetched in full and the run added 3 SOCI FUSE mount(s)", verdict.Reason);
        }

        [Fact]
        public async Task Fallback_run_counts_the_layers_fetched_in_full_from_repeated_coloured_blocks()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.FullPull(Image), stdout: "ok\n").Mounts(0);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Equal(new[] { Digest.Parse(Sha('a')), Digest.Parse(Sha('b')) }, outcome.Progress.LayersFetchedInFull);
            Assert.Empty(events.Texts(SociRunEventKind.ContainerError));
            var lastBlock = events.Events.Last(e => e.Kind == SociRunEventKind.Progress);
            Assert.All(lastBlock.Blobs.Where(b => b.Kind != ProgressRefKind.Image), b => Assert.Equal(TransferStatus.Done, b.Status));
            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.False(verdict.LazilyLoaded);
            Assert.Contains("2 layer(s) were fetched in full: the SOCI snapshotter deferred to the container runtime", verdict.Reason);
            Assert.Contains("0 SOCI FUSE mount(s) (fuse.rawBridge) after the run, 0 before it.", verdict.Evidence[1]);
        }

        [Fact]
        public async Task Layers_fetched_in_full_beside_fuse_mounts_read_as_partly_lazy()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.FullPull(Image)).Mounts(2);

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.True(verdict.LazilyLoaded);
            Assert.StartsWith("Partly lazy: 2 layer(s) were fetched in full", verdict.Reason);
        }

        [Fact]
        public async Task Mounts_left_by_an_earlier_lazy_pull_do_not_make_a_full_pull_look_lazy()
        {
            using var finch = new SociRunDouble();
            finch.MountsBeforeRun(5).Run(FinchRunScenarios.FullPull(Image)).Mounts(5);

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.False(verdict.LazilyLoaded);
            Assert.Contains("2 layer(s) were fetched in full", verdict.Reason);
            Assert.Contains("the run added no SOCI FUSE mounts", verdict.Reason);
            Assert.Contains("5 SOCI FUSE mount(s) (fuse.rawBridge) after the run, 5 before it.", verdict.Evidence);
        }

        [Fact]
        public async Task A_lazy_pull_beside_earlier_mounts_counts_only_the_mounts_it_added()
        {
            using var finch = new SociRunDouble();
            finch.MountsBeforeRun(5).Run(FinchRunScenarios.LazyPull(Image)).Mounts(8);

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Equal(3, outcome.NewFuseMounts);
            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.True(verdict.LazilyLoaded);
            Assert.Contains("the run added 3 SOCI FUSE mount(s)", verdict.Reason);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task A_fatal_line_from_finch_fails_with_finchs_message_in_either_log_form(bool terminal)
        {
            const string message = "failed to resolve reference \"127.0.0.1:5000/app:1.0\": 127.0.0.1:5000/app:1.0: not found";
            using var finch = new SociRunDouble();
            finch.Run(Row(Image, "resolving", 0) + "\n" + (terminal ? TerminalLog("fatal", message) : KeyValueLog("fatal", message)) + "\n", exitCode: 1);

            var error = await Assert.ThrowsAsync<FinchCommandException>(() => RunAsync(finch, new SociRunRequest(Image)));

            Assert.Equal(1, error.ExitCode);
            Assert.Equal(message, error.FinchMessage);
            Assert.Contains($"'finch run --snapshotter soci {Image}' failed with exit code 1", error.Message);
            Assert.Single(finch.LimactlCalls);
        }

        [Fact]
        public async Task What_the_container_printed_does_not_decide_the_kind_of_finchs_failure()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image) + KeyValueLog("fatal", "failed to create shim task: OCI runtime create failed") + "\n",
                stdout: "usage: app [flags]\nunknown command \"serve\"\n", exitCode: 1);

            var error = await Assert.ThrowsAsync<FinchCommandException>(() => RunAsync(finch, new SociRunRequest(Image)));

            Assert.Equal(FinchErrorKind.CommandFailed, error.Kind);
            Assert.Equal("failed to create shim task: OCI runtime create failed", error.FinchMessage);
        }

        [Fact]
        public async Task A_container_failing_returns_its_exit_code_and_its_stderr_as_container_errors()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image) + "panic: config file missing\n", exitCode: 3).Mounts(2);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Equal(3, outcome.ExitCode);
            Assert.Equal(new[] { "panic: config file missing" }, events.Texts(SociRunEventKind.ContainerError));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Finch_log_lines_become_log_and_soci_events_in_either_form(bool terminal)
        {
            string Log(string level, string message) => terminal ? TerminalLog(level, message) : KeyValueLog(level, message);
            using var finch = new SociRunDouble();
            finch.Run(Log("warning", "platform mismatch") + "\n" + Log("info", $"soci: layer {Sha('a')} -> ztoc {Sha('b')}") + "\n" + FinchRunScenarios.LazyPull(Image)).Mounts(1);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image));

            var log = Assert.Single(events.Events, e => e.Kind == SociRunEventKind.Log);
            Assert.Equal(FinchLogLevel.Warning, log.Level);
            Assert.Equal("platform mismatch", log.Text);
            var soci = Assert.Single(outcome.SociEvents);
            Assert.Equal(SociLogEventKind.LayerIndexed, soci.Kind);
            Assert.Empty(events.Texts(SociRunEventKind.ContainerError));
        }

        [Fact]
        public async Task Container_stdout_shaped_like_progress_stays_container_output()
        {
            using var finch = new SociRunDouble();
            var layerRow = Row("layer-" + Sha('e'), "done", 38);
            finch.Run(FinchRunScenarios.LazyPull(Image), stdout: "elapsed: 0.5 s\n" + layerRow + "\n").Mounts(1);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Equal(new[] { "elapsed: 0.5 s", TerminalText.Strip(layerRow) }, events.Texts(SociRunEventKind.ContainerOutput));
            Assert.Empty(outcome.Progress.LayersFetchedInFull);
        }

        [Fact]
        public async Task Container_stderr_starting_with_elapsed_stays_a_container_error()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image) + "elapsed: 3 seconds\n").Mounts(1);

            var (_, events) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Equal(new[] { "elapsed: 3 seconds" }, events.Texts(SociRunEventKind.ContainerError));
            Assert.Equal(3, events.Events.Count(e => e.Kind == SociRunEventKind.Progress));
        }

        [Fact]
        public async Task Detached_run_returns_the_container_id_instead_of_output()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image), stdout: FinchRunScenarios.ContainerId + "\n").Mounts(1);

            var (outcome, events) = await RunAsync(finch, new SociRunRequest(Image) { Detach = true });

            Assert.Equal(FinchRunScenarios.ContainerId, outcome.ContainerId);
            Assert.Empty(events.Texts(SociRunEventKind.ContainerOutput));
            Assert.Equal($"run --snapshotter soci -d {Image}", Assert.Single(finch.Finch.CallLines));
        }

        [Fact]
        public async Task An_index_digest_pulls_first_with_it_and_the_pulls_progress_counts()
        {
            using var finch = new SociRunDouble();
            finch.Pull(stdout: FinchRunScenarios.LazyPull(Image)).Run("", stdout: "ran\n").Mounts(1);

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image) { SociIndexDigest = Digest.Parse(Sha('9')), Platform = "linux/arm64" });

            Assert.Equal(new[] { $"pull --snapshotter soci --soci-index-digest {Sha('9')} --platform linux/arm64 {Image}", $"run --snapshotter soci --platform linux/arm64 {Image}" },
                finch.Finch.CallLines);
            Assert.True(outcome.Progress.Seen);
            Assert.True(LazyLoadingVerdict.Decide(outcome, imageWasLocal: false).LazilyLoaded);
        }

        [Fact]
        public async Task A_failed_pull_stops_before_the_run()
        {
            using var finch = new SociRunDouble();
            finch.Pull(stdout: "", stderr: KeyValueLog("fatal", "failed to get soci index: not found") + "\n", exitCode: 1);

            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                RunAsync(finch, new SociRunRequest(Image) { SociIndexDigest = Digest.Parse(Sha('9')) }));

            Assert.Equal("failed to get soci index: not found", error.FinchMessage);
            Assert.Single(finch.Finch.Calls);
        }

        [Fact]
        public async Task An_image_already_local_shows_no_pull_and_the_verdict_says_so()
        {
            using var finch = new SociRunDouble();
            finch.Run("", stdout: "ran\n").Mounts(0);

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: true);
            Assert.Null(verdict.LazilyLoaded);
            Assert.Contains("already present locally", verdict.Reason);
        }

        [Fact]
        public async Task Unreachable_vm_mounts_are_not_checked_with_limactls_reason()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image)).LimaFails("time=\"2026-12-02T10:00:00Z\" level=fatal msg=\"instance \\\"finch\\\" does not exist\"");

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.Null(outcome.FuseMounts.Count);
            Assert.Equal("'limactl shell finch mount' exited with code 255: instance \"finch\" does not exist", outcome.FuseMounts.NotCheckedReason);
            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal: false);
            Assert.True(verdict.LazilyLoaded);
            Assert.Contains("the FUSE mounts were not checked", verdict.Reason);
        }

        [Fact]
        public async Task Missing_limactl_is_reported_not_thrown()
        {
            using var finch = new SociRunDouble();
            finch.Run(FinchRunScenarios.LazyPull(Image)).RemoveLimactl();

            var (outcome, _) = await RunAsync(finch, new SociRunRequest(Image));

            Assert.StartsWith("limactl was not found at " + finch.Limactl, outcome.FuseMounts.NotCheckedReason);
        }

        [Fact]
        public async Task Windows_counts_mounts_through_limactl_exe_with_finchs_lima_home()
        {
            using var finch = new SociRunDouble();
            finch.MountsBeforeRun(4);
            File.Move(finch.Limactl, finch.Limactl + ".exe");
            var cli = finch.Cli(FinchHostKind.Windows);

            var count = await new SociFuseMounts(cli).CountAsync(CancellationToken.None);

            Assert.Equal(4, count.Count);
            Assert.Equal(new[] { $"LIMA_HOME={Path.Combine(finch.Finch.Root, "lima", "data")} shell finch mount --type=fuse.rawBridge" }, finch.LimactlCalls);
        }

        [Fact]
        public async Task Linux_native_counts_mounts_in_the_host_mount_table_without_limactl()
        {
            using var finch = new SociRunDouble();
            var table = Path.Combine(finch.Finch.Root, "mounts");
            File.WriteAllText(table,
                "proc /proc proc rw,nosuid 0 0\n" +
                "soci /var/lib/finch/soci/snapshotter/snapshots/5/fs fuse.rawBridge rw,nodev,relatime 0 0\n" +
                "overlay /var/lib/finch/nerdctl/x overlay rw 0 0\n");
            var cli = finch.Cli(FinchHostKind.LinuxNative);

            var count = await new SociFuseMounts(cli, table).CountAsync(CancellationToken.None);

            Assert.Equal(1, count.Count);
            Assert.Empty(finch.LimactlCalls);
        }
    }
}
