using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Finch.Run;
using SociTools.Core.Registry;
using SociTools.Tests.Finch;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using SociTools.Tests.Soci;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>
    /// Invoke-SociRun through the hosted engine, acting as macOS (SOCITOOLS_FINCH_PLATFORM, hence the FinchEnvironment
    /// collection) against the finch double, with images and SOCI indexes in a real registry.
    /// </summary>
    [Collection(FinchEnvironmentCollection.Name)]
    public sealed class InvokeSociRunCommandTests : IClassFixture<RegistryFixture>, IDisposable
    {
        private readonly RegistryFixture _registries;
        private readonly EnvironmentScope _environment = new EnvironmentScope();
        private readonly SociRunDouble _finch = new SociRunDouble();
        private readonly string _config;

        public InvokeSociRunCommandTests(RegistryFixture registries)
        {
            _registries = registries;
            _environment.Set("SOCITOOLS_FINCH_PLATFORM", "macOS");
            _config = Path.Combine(_finch.Finch.Root, "finch.yaml");
            File.WriteAllText(_config, "cpus: 4\nmemory: 8GiB\nsnapshotters:\n  - soci\n");
        }

        public void Dispose()
        {
            _environment.Dispose();
            _finch.Dispose();
        }

        private InvocationResult Invoke(PowerShellSession session, string image, string extra = "") =>
            session.Invoke($"Invoke-SociRun -Image $args[0] -FinchPath $args[1] -ConfigPath $args[2] {extra}", image, _finch.Finch.Executable, _config);

        private static IEnumerable<string> Lines(InvocationResult result, string tag) =>
            result.Streams.Information.Where(i => i.Tags.Contains(tag)).Select(i => i.MessageData.ToString()!);

        private static void AssertProgressCompleted(InvocationResult result)
        {
            Assert.NotEmpty(result.Streams.Progress);
            foreach (var activity in result.Streams.Progress.GroupBy(p => p.ActivityId))
            {
                Assert.Equal(ProgressRecordType.Completed, activity.Last().RecordType);
            }
        }

        private async Task<IndexedRegistryImage> PushV2Async(PowerShellSession session, string repository, int seed)
        {
            using var client = new RegistryClient();
            var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository(repository), seed);
            image.Index(session, "V2");
            await image.PushImageWithClientAsync(client);
            return image;
        }

        [Fact]
        public async Task Lazy_run_of_a_v2_image_passes_every_check_and_reports_lazy_loading()
        {
            using var session = new PowerShellSession();
            using var image = await PushV2Async(session, "run/lazy", seed: 41);
            _finch.Run(FinchRunScenarios.LazyPull(image.Image.ToString()), stdout: "hi\n").Mounts(2);

            var result = Invoke(session, image.Image.ToString(), "-RunOption '--rm' -Platform linux/amd64 -ArgumentList echo, hi");

            result.ThrowIfErrors();
            Assert.Empty(result.Streams.Warning);
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.Equal("SociTools.SociRunResult", ((object)run).GetType().FullName);
            Assert.True(run.LazilyLoaded);
            Assert.Equal(2, run.FuseMounts);
            Assert.Equal(2, run.NewFuseMounts);
            Assert.Equal(0, run.ExitCode);
            Assert.Empty((IEnumerable<string>)run.LayersFetchedInFull);
            var preflight = ((IEnumerable<PreflightFinding>)run.Preflight).ToList();
            Assert.Equal(7, preflight.Count);
            Assert.All(preflight, f => Assert.Equal(PreflightOutcome.Passed, f.Outcome));
            Assert.Equal(new[] { "hi" }, Lines(result, InvokeSociRunTags.Output));
            Assert.Equal(new[] { "vm status", "image ls --format json", $"run --snapshotter soci --platform linux/amd64 --rm {image.Image} echo hi" }, _finch.Finch.CallLines);
            AssertProgressCompleted(result);
        }

        [Fact]
        public async Task An_image_without_index_warns_with_the_fix_runs_anyway_and_reports_the_full_pull()
        {
            using var session = new PowerShellSession();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("run/none"), seed: 42);
            await image.PushImageAsync();
            _finch.Run(FinchRunScenarios.FullPull(image.Image.ToString()), stdout: "ran\n").Mounts(0);

            var result = Invoke(session, image.Image.ToString());

            result.ThrowIfErrors();
            var warning = Assert.Single(result.Streams.Warning, w => w.Message.Contains("(SociIndexFound)")).Message;
            Assert.Contains("No SOCI index was found", warning);
            Assert.Contains("Push-SociImage", warning);
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.False(run.LazilyLoaded);
            Assert.Equal(2, ((IEnumerable<string>)run.LayersFetchedInFull).Count());
            Assert.Contains("deferred to the container runtime", (string)run.Reason);
            AssertProgressCompleted(result);
        }

        [Fact]
        public async Task Only_a_v1_index_warns_and_names_the_digest_to_pull_with()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("run/v1"), seed: 43);
            var built = await image.IndexAndPushV1Async(session, client);
            _finch.Run(FinchRunScenarios.FullPull(image.Image.ToString())).Mounts(0);

            var result = Invoke(session, image.Image.ToString());

            result.ThrowIfErrors();
            var warning = Assert.Single(result.Streams.Warning, w => w.Message.Contains("(SociIndexV2)")).Message;
            Assert.Contains("ignores v1 indexes by default", warning);
            Assert.Contains("-SociIndexDigest " + (string)built.Digest, warning);
        }

        [Fact]
        public async Task A_v1_index_digest_is_pulled_with_before_the_run()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("run/v1-digest"), seed: 44);
            var built = await image.IndexAndPushV1Async(session, client);
            _finch.Pull(stdout: FinchRunScenarios.LazyPull(image.Image.ToString())).Run("", stdout: "ok\n").Mounts(1);

            var result = Invoke(session, image.Image.ToString(), "-SkipPreflight -SociIndexDigest $args[3]".Replace("$args[3]", "'" + (string)built.Digest + "'"));

            result.ThrowIfErrors();
            Assert.Equal(new[] { $"pull --snapshotter soci --soci-index-digest {built.Digest} {image.Image}", $"run --snapshotter soci {image.Image}" }, _finch.Finch.CallLines);
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.True(run.LazilyLoaded);
            Assert.Empty((IEnumerable<PreflightFinding>)run.Preflight);
        }

        [Fact]
        public async Task A_local_image_and_a_vm_started_without_soci_are_both_reported()
        {
            using var session = new PowerShellSession();
            using var image = await PushV2Async(session, "run/local", seed: 45);
            _finch.StartedVm(soci: false)
                .Images(LocalImageListTests.Row(image.Repository.ToString(), "v1", image.Image.ToString(), image.Layout.ManifestDigest))
                .Run("", stdout: "ran\n").Mounts(0);

            var result = Invoke(session, image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("but the running VM was started without it") && w.Message.Contains("Stop-FinchVM; Start-FinchVM"));
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("is already present locally") && w.Message.Contains("finch image rm"));
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.Null(run.LazilyLoaded);
            Assert.Contains("already present locally", (string)run.Reason);
        }

        [Fact]
        public void A_fatal_finch_error_stops_the_command_with_finchs_message()
        {
            using var session = new PowerShellSession();
            _finch.Run(FinchOutputText.KeyValueLog("fatal", "failed to resolve reference \"127.0.0.1:1/nope:1\": connection refused") + "\n", exitCode: 1);

            var error = session.InvokeExpectingItemError(
                "Invoke-SociRun -Image 127.0.0.1:1/nope:1 -FinchPath $args[0] -SkipPreflight", _finch.Finch.Executable);

            Assert.Equal("FinchCommandFailed,SociTools.Commands.InvokeSociRunCommand", error.FullyQualifiedErrorId);
            Assert.Contains("failed with exit code 1: failed to resolve reference \"127.0.0.1:1/nope:1\": connection refused", error.Exception.Message);
            Assert.Equal(new[] { "run --snapshotter soci 127.0.0.1:1/nope:1" }, _finch.Finch.CallLines);
        }

        [Fact]
        public void Log_lines_with_an_empty_message_are_passed_over_without_failing_the_run()
        {
            using var session = new PowerShellSession();
            _finch.Run("time=\"2026-12-02T21:00:00Z\" level=info msg=\"\"\nINFO[0000] \n" + FinchRunScenarios.LazyPull("127.0.0.1:1/app:1"), stdout: "ok\n").Mounts(1);

            var result = session.Invoke("Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[0] -SkipPreflight", _finch.Finch.Executable);

            result.ThrowIfErrors();
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.True(run.LazilyLoaded);
            Assert.Equal(new[] { "ok" }, Lines(result, InvokeSociRunTags.Output));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Stopping_the_pipeline_ends_a_running_container_and_counts_no_mounts_after(bool chatty)
        {
            // finch writes its pid into a FIFO after its first progress block, so the test blocks until the run is under way.
            // A chatty container keeps the pipeline thread writing, so the stop may surface there before StopProcessing runs.
            var started = Path.Combine(_finch.Finch.Root, "started");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", started)!) mkfifo.WaitForExit();
            File.WriteAllText(Path.Combine(_finch.Finch.Root, "block.txt"), FinchRunScenarios.LazyPull("127.0.0.1:1/app:1"));
            var afterStart = chatty ? "for i in $(seq 1 20000); do echo \"tick $i\"; sleep 0.005; done" : "sleep 600 & wait";
            _finch.Finch.AddCommand("run", "cat \"$R/block.txt\" >&2; echo serving; echo $$ > \"$R/started\"; " + afterStart);
            using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[1] -SkipPreflight")
                .AddArgument(RepositoryPaths.ModuleManifest).AddArgument(_finch.Finch.Executable);

            var running = shell.BeginInvoke();
            var startedText = Task.Run(() => File.ReadAllText(started));
            if (Task.WaitAny(startedText, Task.Run(() => running.AsyncWaitHandle.WaitOne())) != 0)
            {
                File.WriteAllText(started, ""); // releases the reader
                throw new Xunit.Sdk.XunitException("Invoke-SociRun ended before finch ran: " + string.Join("; ", shell.Streams.Error));
            }
            var pid = int.Parse(startedText.Result.Trim());
            shell.Stop();

            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
            var ended = LinuxProcess.Ends(pid, TimeSpan.FromSeconds(30));
            if (!ended) System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true); // leave nothing behind
            Assert.True(ended, "finch still runs");
            Assert.Empty(_finch.LimactlCalls.Skip(1));
        }

        [Fact]
        public void A_malformed_index_digest_stops_before_finch_runs()
        {
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingTerminatingError(
                "Invoke-SociRun -Image 127.0.0.1:1/app:1 -FinchPath $args[0] -SociIndexDigest sha256:abc", _finch.Finch.Executable);

            Assert.Equal("InvalidArgument,SociTools.Commands.InvokeSociRunCommand", error.FullyQualifiedErrorId);
            Assert.Contains("'sha256:abc' is not a digest", error.Exception.Message);
            Assert.Empty(_finch.Finch.Calls);
        }

        [Fact]
        public void A_container_exit_code_is_returned_with_a_warning_and_its_stderr_passed_through()
        {
            using var session = new PowerShellSession();
            _finch.Run(FinchRunScenarios.LazyPull("127.0.0.1:1/app:1") + "panic: no config\n", exitCode: 3).Mounts(1);

            var result = session.Invoke("Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[0] -SkipPreflight", _finch.Finch.Executable);

            result.ThrowIfErrors();
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.Equal(3, run.ExitCode);
            Assert.Equal("The container exited with code 3.", Assert.Single(result.Streams.Warning).Message);
            Assert.Equal(new[] { "panic: no config" }, Lines(result, InvokeSociRunTags.Error));
        }

        [Fact]
        public void An_unreachable_registry_leaves_its_checks_unchecked_with_one_warning_and_the_run_goes_on()
        {
            using var session = new PowerShellSession();
            _finch.Run(FinchRunScenarios.LazyPull("127.0.0.1:1/app:1")).Mounts(1);

            var result = session.Invoke("Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[0] -ConfigPath $args[1] -Detach -Verbose", _finch.Finch.Executable, _config);

            result.ThrowIfErrors();
            Assert.StartsWith("Could not check for a SOCI index: The registry could not be asked", Assert.Single(result.Streams.Warning).Message);
            dynamic run = Assert.Single(result.Output).BaseObject;
            var registryChecks = ((IEnumerable<PreflightFinding>)run.Preflight).Where(f => f.Check >= PreflightCheck.SociIndexFound).ToList();
            Assert.Equal(3, registryChecks.Count);
            Assert.All(registryChecks, f => Assert.Equal(PreflightOutcome.NotChecked, f.Outcome));
            Assert.Contains(result.Streams.Verbose, v => v.Message.StartsWith("Preflight SociIndexFound not checked: The registry could not be asked"));
            Assert.Equal($"run --snapshotter soci -d 127.0.0.1:1/app:1", _finch.Finch.CallLines.Last());
        }

        [Fact]
        public void Detach_returns_the_container_id()
        {
            using var session = new PowerShellSession();
            var sociLine = FinchOutputText.KeyValueLog("info", $"soci: layer {FinchOutputText.Sha('a')} -> ztoc {FinchOutputText.Sha('b')}");
            _finch.Run(sociLine + "\n" + FinchRunScenarios.LazyPull("127.0.0.1:1/app:1"), stdout: FinchRunScenarios.ContainerId + "\n").Mounts(1);

            var result = session.Invoke("Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[0] -SkipPreflight -Detach -Name web -Verbose", _finch.Finch.Executable);

            result.ThrowIfErrors();
            dynamic run = Assert.Single(result.Output).BaseObject;
            Assert.Equal(FinchRunScenarios.ContainerId, run.ContainerId);
            var soci = Assert.Single((IEnumerable<Core.Finch.Output.SociLogEvent>)run.SociEvents);
            Assert.Equal(Core.Finch.Output.SociLogEventKind.LayerIndexed, soci.Kind);
            Assert.Contains(result.Streams.Verbose, v => v.Message == $"soci: layer {FinchOutputText.Sha('a')} -> ztoc {FinchOutputText.Sha('b')}");
            Assert.Empty(Lines(result, InvokeSociRunTags.Output));
            Assert.Equal(new[] { "run --snapshotter soci --name web -d 127.0.0.1:1/app:1" }, _finch.Finch.CallLines);
        }

        [Fact]
        public async Task WhatIf_runs_the_preflight_but_not_the_container()
        {
            using var session = new PowerShellSession();
            using var image = await PushV2Async(session, "run/whatif", seed: 46);

            var result = Invoke(session, image.Image.ToString(), "-WhatIf");

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.DoesNotContain(_finch.Finch.CallLines, c => c.StartsWith("run"));
            Assert.Equal(new[] { "vm status", "image ls --format json" }, _finch.Finch.CallLines);
        }

        [Fact]
        public void Container_output_can_be_captured_apart_from_the_result()
        {
            using var session = new PowerShellSession();
            _finch.Run(FinchRunScenarios.LazyPull("127.0.0.1:1/app:1"), stdout: "line one\nline two\n").Mounts(1);

            var result = session.Invoke(
                "$r = Invoke-SociRun 127.0.0.1:1/app:1 -FinchPath $args[0] -SkipPreflight -InformationVariable lines 6>$null; $r.GetType().Name; $lines.MessageData.Message",
                _finch.Finch.Executable);

            result.ThrowIfErrors();
            Assert.Equal(new[] { "SociRunResult", "line one", "line two" }, result.Output.Select(o => o.ToString()));
        }
    }

    /// <summary>The information tags Invoke-SociRun writes container lines with (the cmdlet's constants, by value: tests do not load the module's assembly types).</summary>
    internal static class InvokeSociRunTags
    {
        public const string Output = "ContainerOutput";
        public const string Error = "ContainerError";
    }
}
