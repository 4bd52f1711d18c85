using System.IO;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    public sealed class FinchVmTests : IDisposable
    {
        private readonly FinchDouble _finch = new FinchDouble();
        private readonly List<FinchLogLine> _log = new List<FinchLogLine>();

        public void Dispose() => _finch.Dispose();

        [Theory]
        [InlineData("Running", FinchVmState.Running)]
        [InlineData("Stopped", FinchVmState.Stopped)]
        [InlineData("Nonexistent", FinchVmState.Nonexistent)]
        public async Task Reads_the_state_from_vm_status(string said, FinchVmState state)
        {
            _finch.SetVmState(said);

            Assert.Equal(state, await Vm(FinchHostKind.MacOS).GetStateAsync(CancellationToken.None));
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task On_Linux_there_is_no_VM_and_finch_is_not_run()
        {
            var vm = Vm(FinchHostKind.LinuxNative);

            Assert.Equal(FinchVmState.NotApplicable, await vm.GetStateAsync(CancellationToken.None));
            Assert.Equal(FinchVmChange.None, await vm.StartAsync(CancellationToken.None));
            Assert.Equal(FinchVmChange.None, await vm.StopAsync(force: true, CancellationToken.None));
            Assert.Empty(_finch.Calls);
        }

        [Fact]
        public async Task A_status_finch_cannot_name_is_an_error_with_its_message()
        {
            _finch.SetVmState("Broken");

            var error = await Assert.ThrowsAsync<FinchCommandException>(() => Vm(FinchHostKind.MacOS).GetStateAsync(CancellationToken.None));

            Assert.Equal(FinchErrorKind.VmStatusUnknown, error.Kind);
            Assert.Contains("unrecognized system status", error.Message);
        }

        [Fact]
        public async Task A_status_word_SociTools_does_not_know_is_a_clear_error()
        {
            _finch.AddCommand("vm", "echo Hibernating");

            var error = await Assert.ThrowsAsync<FinchException>(() => Vm(FinchHostKind.MacOS).GetStateAsync(CancellationToken.None));

            Assert.Contains("'finch vm status' printed 'Hibernating'", error.Message);
        }

        [Theory]
        [InlineData("keyvalue")]
        [InlineData("terminal")]
        public async Task Starting_a_nonexistent_VM_initializes_it_and_reports_finchs_lines(string form)
        {
            _finch.SetLogForm(form);

            var change = await Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None);

            Assert.Equal(FinchVmChange.Initialized, change);
            Assert.Equal("Running", _finch.VmState);
            Assert.Equal(new[] { "vm status", "vm init" }, _finch.CallLines);
            Assert.Equal(new[] { "Initializing and starting Finch virtual machine...", "Finch virtual machine started successfully" },
                _log.Select(l => l.Message));
            Assert.All(_log, l => Assert.Equal(FinchLogLevel.Info, l.Level));
        }

        [Fact]
        public async Task Initializing_on_Windows_reports_finchs_WSL_warning()
        {
            _finch.ActAs(FinchHostKind.Windows);

            await Vm(FinchHostKind.Windows).StartAsync(CancellationToken.None);

            var warning = Assert.Single(_log, l => l.Level == FinchLogLevel.Warning);
            Assert.StartsWith("Finch on Windows uses WSL, which mounts the C Drive in read-write mode by default.", warning.Message);
        }

        [Fact]
        public async Task Starting_a_stopped_VM_runs_vm_start()
        {
            _finch.SetVmState("Stopped");

            var change = await Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None);

            Assert.Equal(FinchVmChange.Started, change);
            Assert.Equal(new[] { "vm status", "vm start" }, _finch.CallLines);
            Assert.Equal("Starting existing Finch virtual machine...", _log.First().Message);
        }

        [Fact]
        public async Task Starting_a_running_VM_does_nothing()
        {
            _finch.SetVmState("Running");

            Assert.Equal(FinchVmChange.None, await Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None));
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task A_VM_started_by_someone_else_meanwhile_counts_as_started()
        {
            // Status says Stopped once; by the time finch is asked to start, the VM already runs.
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) if [ -f \"$R/state/asked\" ]; then echo Running; else touch \"$R/state/asked\"; echo Stopped; fi;;\n" +
                "  start) finch_fatal 'the instance \"finch\" is already running';;\n" +
                "esac");

            Assert.Equal(FinchVmChange.None, await Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None));
            Assert.Equal(new[] { "vm status", "vm start", "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task A_VM_created_by_someone_else_meanwhile_is_started()
        {
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) echo Nonexistent;;\n" +
                "  init) finch_fatal 'the instance \"finch\" already exists but is stopped, run `finch vm start` to start the existing instance';;\n" +
                "  start) finch_log info 'Finch virtual machine started successfully';;\n" +
                "esac");

            Assert.Equal(FinchVmChange.Started, await Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None));
            Assert.Equal(new[] { "vm status", "vm init", "vm start" }, _finch.CallLines);
        }

        [Fact]
        public async Task A_Lima_failure_during_start_is_an_error_with_limactls_code()
        {
            _finch.SetVmState("Stopped").FailLima("start", 4, "qemu: could not open disk");

            var error = await Assert.ThrowsAsync<FinchCommandException>(() => Vm(FinchHostKind.MacOS).StartAsync(CancellationToken.None));

            Assert.Equal(FinchErrorKind.VmFailed, error.Kind);
            Assert.Equal(4, error.ExitCode);
            Assert.Contains("qemu: could not open disk", error.Message);
            Assert.Equal("Stopped", _finch.VmState);
        }

        [Fact]
        public async Task Stopping_a_running_VM_runs_vm_stop()
        {
            _finch.SetVmState("Running").SetLogForm("terminal");

            var change = await Vm(FinchHostKind.MacOS).StopAsync(force: false, CancellationToken.None);

            Assert.Equal(FinchVmChange.Stopped, change);
            Assert.Equal("Stopped", _finch.VmState);
            Assert.Equal(new[] { "vm status", "vm stop" }, _finch.CallLines);
            Assert.Equal(new[] { "Stopping existing Finch virtual machine...", "Finch virtual machine stopped successfully" }, _log.Select(l => l.Message));
        }

        [Fact]
        public async Task Force_stopping_sends_the_force_flag()
        {
            _finch.SetVmState("Running");

            await Vm(FinchHostKind.MacOS).StopAsync(force: true, CancellationToken.None);

            Assert.Equal(new[] { new[] { "vm", "status" }, new[] { "vm", "stop", "--force" } }, _finch.Calls);
            Assert.Equal("Forcibly stopping Finch virtual machine...", _log.First().Message);
        }

        [Theory]
        [InlineData("Stopped")]
        [InlineData("Nonexistent")]
        public async Task Stopping_a_VM_that_does_not_run_does_nothing(string state)
        {
            _finch.SetVmState(state);

            Assert.Equal(FinchVmChange.None, await Vm(FinchHostKind.MacOS).StopAsync(force: false, CancellationToken.None));
            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task Force_stopping_a_stopped_VM_still_asks_finch_but_a_nonexistent_one_is_left_alone()
        {
            _finch.SetVmState("Stopped");
            await Vm(FinchHostKind.MacOS).StopAsync(force: true, CancellationToken.None);
            _finch.SetVmState("Nonexistent");
            await Vm(FinchHostKind.MacOS).StopAsync(force: true, CancellationToken.None);

            Assert.Equal(new[] { "vm status", "vm stop --force", "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task Waiting_gives_up_with_the_last_status_after_the_timeout()
        {
            _finch.SetVmState("Stopped").SetStateAfterStart("Broken");
            var vm = Vm(FinchHostKind.MacOS);
            vm.PollInterval = TimeSpan.FromMilliseconds(50);
            await vm.StartAsync(CancellationToken.None);

            var error = await Assert.ThrowsAsync<FinchVmTimeoutException>(() =>
                vm.WaitForStateAsync(FinchVmState.Running, TimeSpan.FromSeconds(2), CancellationToken.None));

            Assert.Contains("was not Running after", error.Message);
            Assert.Contains("unrecognized system status", error.Message);
            Assert.True(_finch.CallLines.Count(c => c == "vm status") >= 2);
        }

        [Fact]
        public async Task Waiting_gives_up_at_the_timeout_even_when_vm_status_does_not_answer()
        {
            // Lima can hang in a VM's transition; the status call then must not hold the wait past its timeout.
            _finch.AddCommand("vm", "echo $$ > \"$R/status-pid\"; for i in $(seq 1 1200); do sleep 0.1; done; echo Running");
            var vm = Vm(FinchHostKind.MacOS);

            var waiting = vm.WaitForStateAsync(FinchVmState.Running, TimeSpan.FromMilliseconds(500), CancellationToken.None);

            // The wait only guards against a hang: the bug it catches keeps the call open for two minutes.
            var error = await Assert.ThrowsAsync<FinchVmTimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("was not Running after", error.Message);
            Assert.Contains("last said: no answer", error.Message);
            Assert.False(LinuxProcess.IsAlive(int.Parse(File.ReadAllText(Path.Combine(_finch.Root, "status-pid")).Trim())), "finch vm status still runs");
        }

        [Fact]
        public async Task Waiting_asks_again_after_vm_status_fails_while_lima_settles()
        {
            // finch.md §2.2: when 'limactl ls' fails with output, finch exits 1 with "exit status N, stderr: ...".
            _finch.AddCommand("vm",
                "n=$(read_state status-calls 0); n=$((n+1)); printf '%s' $n > \"$R/state/status-calls\"\n" +
                "if [ $n -le 2 ]; then finch_fatal 'exit status 1, stderr: time=\"2026-12-02T10:00:00Z\" level=fatal msg=\"instance is being started\"'; fi\n" +
                "echo Running");
            var vm = Vm(FinchHostKind.MacOS);
            vm.PollInterval = TimeSpan.FromMilliseconds(20);

            await vm.WaitForStateAsync(FinchVmState.Running, TimeSpan.FromMinutes(1), CancellationToken.None);

            Assert.Equal(new[] { "vm status", "vm status", "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task Waiting_returns_once_the_VM_runs()
        {
            _finch.SetVmState("Running");

            await Vm(FinchHostKind.MacOS).WaitForStateAsync(FinchVmState.Running, TimeSpan.FromMinutes(1), CancellationToken.None);

            Assert.Equal(new[] { "vm status" }, _finch.CallLines);
        }

        [Fact]
        public async Task Cancelling_a_start_ends_finch()
        {
            _finch.AddCommand("vm",
                "case \"$2\" in\n" +
                "  status) echo Stopped;;\n" +
                "  start) finch_log info \"Starting existing Finch virtual machine... pid $$\"; sleep 600 & wait;;\n" +
                "esac");
            using var cancel = new CancellationTokenSource();
            var pid = 0;
            var vm = new FinchVm(new FinchCli(_finch.Executable, FinchHostKind.MacOS), new CancelOnFirstLine(cancel, line => pid = int.Parse(line.Message.Split(' ').Last())));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => vm.StartAsync(cancel.Token));

            Assert.NotEqual(0, pid);
            Assert.False(LinuxProcess.IsAlive(pid), "finch still runs");
        }

        private FinchVm Vm(FinchHostKind kind) => new FinchVm(new FinchCli(_finch.Executable, kind), new SynchronousProgress(_log));

        private sealed class CancelOnFirstLine : IProgress<FinchLogLine>
        {
            private readonly CancellationTokenSource _cancel;
            private readonly Action<FinchLogLine> _seen;

            public CancelOnFirstLine(CancellationTokenSource cancel, Action<FinchLogLine> seen)
            {
                _cancel = cancel;
                _seen = seen;
            }

            public void Report(FinchLogLine value)
            {
                _seen(value);
                _cancel.Cancel();
            }
        }

        /// <summary>Reports at once on the caller's thread (Progress&lt;T&gt; would post later, racing the asserts).</summary>
        private sealed class SynchronousProgress : IProgress<FinchLogLine>
        {
            private readonly List<FinchLogLine> _lines;

            public SynchronousProgress(List<FinchLogLine> lines) => _lines = lines;

            public void Report(FinchLogLine value)
            {
                lock (_lines) _lines.Add(value);
            }
        }
    }
}
