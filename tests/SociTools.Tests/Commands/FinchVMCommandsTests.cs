using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using SociTools.Tests.Finch;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>Get/Start/Stop-FinchVM in the hosted engine against the finch double, acting as macOS unless a test says otherwise.</summary>
    [Collection(FinchEnvironmentCollection.Name)]
    public sealed class FinchVMCommandsTests : IDisposable
    {
        private readonly EnvironmentScope _environment = new EnvironmentScope();
        private readonly FinchDouble _finch = new FinchDouble();
        private readonly PowerShellSession _session;

        public FinchVMCommandsTests()
        {
            _environment.Set("SOCITOOLS_FINCH", _finch.Executable).Set("SOCITOOLS_FINCH_PLATFORM", "macOS");
            _session = new PowerShellSession();
        }

        public void Dispose()
        {
            _session.Dispose();
            _environment.Dispose();
            _finch.Dispose();
        }

        [Fact]
        public void Get_FinchVM_returns_the_state_as_an_object()
        {
            _finch.SetVmState("Stopped");

            var result = _session.Invoke("Get-FinchVM");

            result.ThrowIfErrors();
            var vm = Assert.Single(result.Emitted("FinchVM"));
            Assert.Equal("Stopped", vm.State.ToString());
            Assert.Equal("MacOS", vm.Kind.ToString());
            Assert.Equal(_finch.Executable, (string)vm.FinchPath);
            Assert.False((bool)vm.Changed);
            Assert.Contains("Start-FinchVM starts it", (string)vm.Message);
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public void FinchPath_names_the_finch_to_ask()
        {
            _environment.Set("SOCITOOLS_FINCH", "/nonexistent/finch");
            _finch.SetVmState("Running");

            var result = _session.Invoke("Get-FinchVM -FinchPath $args[0]", _finch.Executable);

            result.ThrowIfErrors();
            Assert.Equal("Running", Assert.Single(result.Emitted("FinchVM")).State.ToString());
        }

        [Fact]
        public void Start_FinchVM_creates_a_nonexistent_VM_and_writes_nothing_without_PassThru()
        {
            var result = _session.Invoke("Start-FinchVM");

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.Equal("Running", _finch.VmState);
            Assert.Equal(new[] { "vm status", "vm status", "vm init" }, _finch.CallLines);
        }

        [Fact]
        public void Start_FinchVM_PassThru_reports_that_it_started_the_VM()
        {
            _finch.SetVmState("Stopped");

            var result = _session.Invoke("Start-FinchVM -PassThru");

            result.ThrowIfErrors();
            var vm = Assert.Single(result.Emitted("FinchVM"));
            Assert.Equal("Running", vm.State.ToString());
            Assert.True((bool)vm.Changed);
            Assert.Equal("Started the Finch virtual machine.", (string)vm.Message);
            Assert.Contains("vm start", _finch.CallLines);
        }

        [Fact]
        public void Starting_a_running_VM_is_not_an_error_and_changes_nothing()
        {
            _finch.SetVmState("Running");

            var result = _session.Invoke("Start-FinchVM -PassThru -Wait");

            result.ThrowIfErrors();
            var vm = Assert.Single(result.Emitted("FinchVM"));
            Assert.False((bool)vm.Changed);
            Assert.Equal("The Finch virtual machine was already running.", (string)vm.Message);
            Assert.All(_finch.CallLines, call => Assert.Equal("vm status", call));
        }

        [Theory]
        [InlineData("Stopped")]
        [InlineData("Nonexistent")]
        public void Start_FinchVM_WhatIf_reads_the_state_but_starts_nothing(string state)
        {
            _finch.SetVmState(state);

            var result = _session.Invoke("Start-FinchVM -WhatIf -PassThru");

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.Equal(state, _finch.VmState);
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public void Stop_FinchVM_stops_a_running_VM_and_PassThru_says_so()
        {
            _finch.SetVmState("Running");

            var result = _session.Invoke("Stop-FinchVM -PassThru -Confirm:$false");

            result.ThrowIfErrors();
            var vm = Assert.Single(result.Emitted("FinchVM"));
            Assert.Equal("Stopped", vm.State.ToString());
            Assert.True((bool)vm.Changed);
            Assert.Equal(new[] { "vm status", "vm status", "vm stop", "vm status" }, _finch.CallLines);
        }

        [Theory]
        [InlineData("Stopped")]
        [InlineData("Nonexistent")]
        public void Stopping_a_VM_that_does_not_run_is_not_an_error(string state)
        {
            _finch.SetVmState(state);

            var result = _session.Invoke("Stop-FinchVM");

            result.ThrowIfErrors();
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public void Stop_FinchVM_Force_sends_the_force_flag()
        {
            _finch.SetVmState("Running");

            _session.Invoke("Stop-FinchVM -Force -Confirm:$false").ThrowIfErrors();

            Assert.Equal(new[] { "vm", "stop", "--force" }, _finch.Calls.Last());
        }

        [Fact]
        public void Stop_FinchVM_WhatIf_stops_nothing()
        {
            _finch.SetVmState("Running");

            _session.Invoke("Stop-FinchVM -WhatIf -Force").ThrowIfErrors();

            Assert.Equal("Running", _finch.VmState);
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public void Finchs_lines_become_completed_progress_verbose_messages_and_warnings()
        {
            _environment.Set("SOCITOOLS_FINCH_PLATFORM", "Windows");
            _finch.ActAs(Core.Finch.FinchHostKind.Windows);

            var result = _session.Invoke("Start-FinchVM -Verbose -Wait");

            result.ThrowIfErrors();
            var progress = result.Streams.Progress.ToList();
            Assert.Contains(progress, p => p.StatusDescription == "Initializing and starting Finch virtual machine...");
            Assert.Contains(progress, p => p.StatusDescription == "Finch virtual machine started successfully");
            Assert.Contains(progress, p => p.StatusDescription.StartsWith("Waiting up to 00:10:00 for 'finch vm status' to say Running"));
            Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
            Assert.Contains(result.Streams.Verbose, v => v.Message == "finch: Finch virtual machine started successfully");
            var warning = Assert.Single(result.Streams.Warning);
            Assert.StartsWith("finch: Finch on Windows uses WSL", warning.Message);
        }

        [Fact]
        public void An_empty_info_line_from_finch_does_not_fail_the_start()
        {
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) echo Stopped;;\n" +
                "  start) finch_log info ''; finch_log info 'Finch virtual machine started successfully';;\n" +
                "esac");

            var result = _session.Invoke("Start-FinchVM -Verbose");

            result.ThrowIfErrors();
            Assert.Contains(result.Streams.Verbose, v => v.Message == "finch: Finch virtual machine started successfully");
        }

        [Fact]
        public void A_Lima_failure_stops_the_call_with_FinchVmFailed_and_limas_log()
        {
            _finch.SetVmState("Stopped").SetLogForm("terminal").FailLima("start", 3, "level=fatal msg=\"exiting, status={Running:false}\"");

            var error = _session.InvokeExpectingItemError("Start-FinchVM");

            Assert.Equal("FinchVmFailed,SociTools.Commands.StartFinchVMCommand", error.FullyQualifiedErrorId);
            Assert.Contains("'finch vm start' failed with exit code 3: Finch virtual machine failed to start, debug logs:", error.Exception.Message);
        }

        [Fact]
        public void A_snapshotter_finch_does_not_support_stops_the_start_with_its_own_error_id()
        {
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) echo Stopped;;\n" +
                "  start) finch_log info 'Starting existing Finch virtual machine...'; finch_fatal 'failed to provision snapshotters: snapshotter zfs is not supported';;\n" +
                "esac");

            var error = _session.InvokeExpectingItemError("Start-FinchVM");

            Assert.Equal("FinchSnapshotterNotSupported,SociTools.Commands.StartFinchVMCommand", error.FullyQualifiedErrorId);
            Assert.Contains("snapshotter zfs is not supported", error.Exception.Message);
        }

        [Fact]
        public void A_status_finch_cannot_name_stops_Get_FinchVM_with_FinchVmStatusUnknown()
        {
            _finch.SetVmState("Broken");

            var error = _session.InvokeExpectingItemError("Get-FinchVM");

            Assert.Equal("FinchVmStatusUnknown,SociTools.Commands.GetFinchVMCommand", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void Stop_FinchVM_Force_stops_a_VM_in_a_state_finch_cannot_name()
        {
            // FinchVmStatusUnknown's own advice is Stop-FinchVM -Force, so the state check must not stop it.
            _finch.SetVmState("Broken");

            var result = _session.Invoke("Stop-FinchVM -Force -PassThru");

            result.ThrowIfErrors();
            var vm = Assert.Single(result.Emitted("FinchVM"));
            Assert.Equal("Stopped", vm.State.ToString());
            Assert.True((bool)vm.Changed);
            Assert.Contains("vm stop --force", _finch.CallLines);
        }

        [Fact]
        public void Waiting_past_the_timeout_stops_with_FinchVmTimeout()
        {
            _finch.SetVmState("Stopped").SetStateAfterStart("Broken");

            var error = _session.InvokeExpectingItemError("Start-FinchVM -Wait -Timeout 00:00:02");

            Assert.Equal("FinchVmTimeout,SociTools.Commands.StartFinchVMCommand", error.FullyQualifiedErrorId);
            Assert.Contains("unrecognized system status", error.Exception.Message);
        }

        [Theory]
        [InlineData("30.00:00:00")]
        [InlineData("([TimeSpan]::MaxValue)")]
        public void A_timeout_of_weeks_or_the_largest_one_waits_like_any_other(string timeout)
        {
            _finch.SetVmState("Stopped");

            var result = _session.Invoke($"Start-FinchVM -Wait -Timeout {timeout} -PassThru");

            result.ThrowIfErrors();
            Assert.Equal("Running", Assert.Single(result.Emitted("FinchVM")).State.ToString());
        }

        [Fact]
        public void A_timeout_of_zero_is_refused_before_finch_runs()
        {
            var error = _session.InvokeExpectingTerminatingError("Start-FinchVM -Wait -Timeout 0");

            Assert.Equal("InvalidArgument,SociTools.Commands.StartFinchVMCommand", error.FullyQualifiedErrorId);
            Assert.Empty(_finch.Calls);
        }

        [Fact]
        public void Missing_finch_stops_with_FinchNotInstalled_and_how_to_install_it()
        {
            _environment.Set("SOCITOOLS_FINCH", null);
            _environment.Set("PATH", _finch.Root);

            var error = _session.InvokeExpectingItemError("Get-FinchVM");

            Assert.Equal("FinchNotInstalled,SociTools.Commands.GetFinchVMCommand", error.FullyQualifiedErrorId);
            Assert.Contains("brew install --cask finch", error.Exception.Message);
        }

        [Fact]
        public void Stopping_the_pipeline_ends_a_running_finch()
        {
            // finch writes its pid into a FIFO, so the test blocks until finch runs instead of sleeping.
            var started = Path.Combine(_finch.Root, "started");
            using (var mkfifo = Process.Start("mkfifo", started)!) mkfifo.WaitForExit();
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) echo Stopped;;\n" +
                "  start) echo $$ > \"$R/started\"; sleep 600 & wait;;\n" +
                "esac");
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; Start-FinchVM").AddArgument(RepositoryPaths.ModuleManifest);

            var running = shell.BeginInvoke();
            var startedText = Task.Run(() => File.ReadAllText(started));
            if (Task.WaitAny(startedText, Task.Run(() => running.AsyncWaitHandle.WaitOne())) != 0)
            {
                File.WriteAllText(started, ""); // releases the reader
                string ended;
                try { ended = string.Join("; ", shell.EndInvoke(running)) + string.Join("; ", shell.Streams.Error); } catch (Exception e) { ended = e.Message; }
                throw new Xunit.Sdk.XunitException("Start-FinchVM ended before finch started: " + ended);
            }
            var pid = int.Parse(startedText.Result.Trim());
            shell.Stop();

            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
            Assert.True(LinuxProcess.Ends(pid, TimeSpan.FromSeconds(30)), "finch still runs");
        }

        [Fact]
        public void On_Linux_there_is_no_VM_to_get_start_or_stop()
        {
            _environment.Set("SOCITOOLS_FINCH_PLATFORM", "Linux");

            var got = _session.Invoke("Get-FinchVM");
            var started = _session.Invoke("Start-FinchVM -PassThru");
            var stopped = _session.Invoke("Stop-FinchVM");

            got.ThrowIfErrors();
            started.ThrowIfErrors();
            stopped.ThrowIfErrors();
            var vm = Assert.Single(got.Emitted("FinchVM"));
            Assert.Equal("NotApplicable", vm.State.ToString());
            Assert.StartsWith("Finch on Linux runs without a VM", (string)vm.Message);
            Assert.Equal("NotApplicable", Assert.Single(started.Emitted("FinchVM")).State.ToString());
            Assert.StartsWith("Finch on Linux runs without a VM", Assert.Single(started.Streams.Warning).Message);
            Assert.StartsWith("Finch on Linux runs without a VM", Assert.Single(stopped.Streams.Warning).Message);
            Assert.Empty(_finch.Calls);
        }
    }
}
