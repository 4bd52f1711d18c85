using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    public sealed class FinchCommandErrorTests : IDisposable
    {
        private readonly FinchDouble _finch = new FinchDouble();

        public void Dispose() => _finch.Dispose();

        [Theory]
        [InlineData("Nonexistent", "start", FinchErrorKind.VmNotFound, "the instance \"finch\" does not exist, run `finch vm init` to create a new instance")]
        [InlineData("Running", "start", FinchErrorKind.VmAlreadyRunning, "the instance \"finch\" is already running")]
        [InlineData("Stopped", "init", FinchErrorKind.VmAlreadyExists, "the instance \"finch\" already exists but is stopped, run `finch vm start` to start the existing instance")]
        [InlineData("Stopped", "stop", FinchErrorKind.VmAlreadyStopped, "the instance \"finch\" is already stopped")]
        [InlineData("Running", "remove", FinchErrorKind.VmRunning, "the instance \"finch\" is running, run `finch vm stop` to stop the instance first")]
        [InlineData("Broken", "status", FinchErrorKind.VmStatusUnknown, "unrecognized system status")]
        public async Task State_errors_carry_finchs_message_and_kind_in_both_log_forms(string state, string command, FinchErrorKind kind, string message)
        {
            foreach (var form in new[] { "keyvalue", "terminal" })
            {
                _finch.SetVmState(state).SetLogForm(form);

                var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                    new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunCheckedAsync(new[] { "vm", command }, null, CancellationToken.None));

                Assert.Equal(kind, error.Kind);
                Assert.Equal(1, error.ExitCode);
                Assert.Equal(message, error.FinchMessage);
                Assert.Equal("finch vm " + command, error.CommandLine);
                Assert.StartsWith($"'finch vm {command}' failed with exit code 1: {message}", error.Message);
            }
        }

        [Fact]
        public async Task A_Lima_failure_keeps_limactls_exit_code_and_output()
        {
            _finch.SetVmState("Stopped").FailLima("start", 7, "limactl: exiting, status={Running:false}");

            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunCheckedAsync(new[] { "vm", "start" }, null, CancellationToken.None));

            Assert.Equal(FinchErrorKind.VmFailed, error.Kind);
            Assert.Equal(7, error.ExitCode);
            Assert.Equal("Finch virtual machine failed to start, debug logs:\nlimactl: exiting, status={Running:false}", error.FinchMessage);
        }

        [Theory]
        [InlineData("keyvalue")]
        [InlineData("terminal")]
        public async Task Limas_own_log_lines_stay_inside_finchs_failure_message(string form)
        {
            _finch.SetVmState("Running").SetLogForm(form)
                .FailLima("stop", 1, "time=\"2026-12-02T10:00:01Z\" level=fatal msg=\"instance is not running\"\nsecond line");

            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunCheckedAsync(new[] { "vm", "stop" }, null, CancellationToken.None));

            Assert.Equal(FinchErrorKind.VmFailed, error.Kind);
            Assert.Equal("Finch virtual machine failed to stop, debug logs:\ntime=\"2026-12-02T10:00:01Z\" level=fatal msg=\"instance is not running\"\nsecond line",
                error.FinchMessage);
        }

        [Fact]
        public async Task An_unknown_subcommand_fails_like_finch()
        {
            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunCheckedAsync(new[] { "frobnicate" }, null, CancellationToken.None));

            Assert.Equal(FinchErrorKind.UnknownCommand, error.Kind);
            Assert.Equal("unknown command \"frobnicate\" for \"finch\"", error.FinchMessage);
        }

        [Theory]
        [InlineData("failed to provision snapshotters: snapshotter zfs is not supported", FinchErrorKind.SnapshotterNotSupported)]
        [InlineData("failed to load config: failed to unmarshal config file: yaml: unmarshal errors", FinchErrorKind.ConfigInvalid)]
        [InlineData("failed to load config: failed to validate config file: specified number of CPUs (0) must be greater than 0", FinchErrorKind.ConfigInvalid)]
        [InlineData("unsupported vm type \"hyperv\" for windows", FinchErrorKind.VmUnsupported)]
        [InlineData("instance \"finch\" is stopped, run `finch vm start` to start the instance", FinchErrorKind.VmNotRunning)]
        [InlineData("instance \"finch\" does not exist, run `finch vm init` to create a new instance", FinchErrorKind.VmNotFound)]
        [InlineData("detailed version info is unavailable because VM is not running", FinchErrorKind.VmNotRunning)]
        [InlineData("pull access denied", FinchErrorKind.CommandFailed)]
        public async Task Known_messages_map_to_error_kinds(string message, FinchErrorKind kind)
        {
            _finch.AddCommand("fail", "finch_fatal \"$2\"");

            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                new FinchCli(_finch.Executable, FinchHostKind.Windows).RunCheckedAsync(new[] { "fail", message }, null, CancellationToken.None));

            Assert.Equal(kind, error.Kind);
            Assert.Equal(message, error.FinchMessage);
        }

        [Fact]
        public void The_install_root_is_the_parent_of_the_real_binarys_folder()
        {
            var links = Path.Combine(Path.GetTempPath(), "finch-links-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(links);
            try
            {
                var link = Path.Combine(links, "finch");
                File.CreateSymbolicLink(link, _finch.Executable);

                Assert.Equal(_finch.Root, new FinchCli(link, FinchHostKind.MacOS).InstallRoot);
                Assert.Equal(_finch.Root, new FinchCli(_finch.Executable, FinchHostKind.MacOS).InstallRoot);
            }
            finally
            {
                Directory.Delete(links, recursive: true);
            }
        }
    }
}
