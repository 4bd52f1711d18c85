using System;
using System.IO;
using System.Linq;
using SociTools.Core.Finch;
using SociTools.Tests.Finch;
using SociTools.Tests.Finch.Config;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>Enable-/Disable-SociSnapshotter and Get-FinchConfig through the hosted engine, acting as each kind of Finch host.</summary>
    [Collection(FinchEnvironmentCollection.Name)]
    public sealed class FinchSnapshotterCommandsTests : IDisposable
    {
        private readonly string? _platform = Environment.GetEnvironmentVariable(FinchHostPlatform.OverrideVariable);
        private readonly string? _localAppData = Environment.GetEnvironmentVariable("LOCALAPPDATA");
        private readonly ConfigFolder _folder = new ConfigFolder();
        private readonly PowerShellSession _session;

        public FinchSnapshotterCommandsTests()
        {
            ActAs("macOS");
            _session = new PowerShellSession();
        }

        public void Dispose()
        {
            _session.Dispose();
            _folder.Dispose();
            Environment.SetEnvironmentVariable(FinchHostPlatform.OverrideVariable, _platform);
            Environment.SetEnvironmentVariable("LOCALAPPDATA", _localAppData);
        }

        [Fact]
        public void Enable_edits_the_file_emits_nothing_and_tells_what_changed()
        {
            _folder.Write("# mine\ncpus: 4\nsnapshotters: [overlayfs]  # keep\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -InformationAction Continue", _folder.ConfigPath);

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.Equal("# mine\ncpus: 4\nsnapshotters: [overlayfs, soci]  # keep\n", _folder.Text);
            Assert.Contains("snapshotters [overlayfs] -> [overlayfs, soci]", Information(result));
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("Restart the Finch VM") && w.Message.Contains("Stop-FinchVM then Start-FinchVM"));
        }

        [Fact]
        public void PassThru_emits_the_change_with_the_backup()
        {
            _folder.Write("snapshotters:\n  - overlayfs\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Default -PassThru", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.True(change.Changed);
            Assert.Equal(_folder.ConfigPath, change.ConfigPath);
            Assert.Equal(new[] { "overlayfs" }, change.Before);
            Assert.Equal(new[] { "soci", "overlayfs" }, change.After);
            Assert.Equal("soci", change.DefaultSnapshotter);
            Assert.Equal(_folder.ConfigPath + ".bak", change.BackupPath);
            Assert.True(change.RestartNeeded);
            Assert.False(change.Restarted);
            Assert.Equal("snapshotters:\n  - overlayfs\n", File.ReadAllText(change.BackupPath));
            Assert.Equal("snapshotters:\n  - soci\n  - overlayfs\n", _folder.Text);
        }

        [Fact]
        public void A_second_Enable_writes_nothing_and_says_so()
        {
            _folder.Write("snapshotters: [soci]\n");
            var written = File.GetLastWriteTimeUtc(_folder.ConfigPath);

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -PassThru -InformationAction Continue", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.False(change.Changed);
            Assert.False(change.RestartNeeded);
            Assert.Contains("already lists soci", Information(result));
            Assert.Contains("nothing was written", change.Message);
            Assert.Empty(result.Streams.Warning);
            Assert.Equal(written, File.GetLastWriteTimeUtc(_folder.ConfigPath));
            Assert.False(File.Exists(_folder.ConfigPath + ".bak"));
        }

        [Fact]
        public void WhatIf_writes_nothing_and_the_operation_names_the_lists_before_and_after()
        {
            _folder.Write("snapshotters:\r\n  - overlayfs\r\n");

            var whatIf = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Default -PassThru -WhatIf", _folder.ConfigPath);
            var unchanged = _folder.Text;
            var verbose = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Default -Verbose", _folder.ConfigPath);

            whatIf.ThrowIfErrors();
            Assert.Empty(whatIf.Output);
            Assert.Equal("snapshotters:\r\n  - overlayfs\r\n", unchanged);
            verbose.ThrowIfErrors();
            Assert.Contains(verbose.Streams.Verbose, v => v.Message.Contains("Make SOCI Finch's default snapshotter") &&
                v.Message.Contains(_folder.ConfigPath + ": snapshotters [overlayfs] -> [soci, overlayfs]"));
        }

        [Fact]
        public void WhatIf_for_a_missing_file_creates_nothing_and_the_operation_says_it_creates_the_file()
        {
            var whatIf = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -WhatIf", _folder.ConfigPath);
            var createdNothing = !Directory.Exists(Path.GetDirectoryName(_folder.ConfigPath));
            var verbose = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Verbose", _folder.ConfigPath);

            whatIf.ThrowIfErrors();
            Assert.True(createdNothing);
            verbose.ThrowIfErrors();
            Assert.Contains(verbose.Streams.Verbose, v => v.Message.Contains(_folder.ConfigPath + ": snapshotters [] -> [soci] (creates the file)"));
            Assert.Equal("snapshotters:\n  - soci\n", _folder.Text);
        }

        [Fact]
        public void Invalid_YAML_stops_with_the_line_and_column_and_leaves_the_file()
        {
            var text = "cpus: 2\nsnapshotters: [overlayfs\nmemory: 4GiB\n";
            _folder.Write(text);

            var error = _session.InvokeExpectingItemError("Enable-SociSnapshotter -ConfigPath $args[0]", _folder.ConfigPath);

            Assert.StartsWith("FinchConfigInvalid,", error.FullyQualifiedErrorId);
            Assert.Equal("InvalidData", error.CategoryInfo.Category.ToString());
            Assert.Matches(@"line \d+, column \d+", error.Exception.Message);
            Assert.Equal(text, _folder.Text);
        }

        [Fact]
        public void A_single_name_instead_of_a_list_is_an_error_naming_where()
        {
            _folder.Write("cpus: 2\nsnapshotters: soci\n");

            var error = _session.InvokeExpectingItemError("Disable-SociSnapshotter -ConfigPath $args[0]", _folder.ConfigPath);

            Assert.StartsWith("FinchConfigInvalid,", error.FullyQualifiedErrorId);
            Assert.Contains("line 2, column 15", error.Exception.Message);
            Assert.Contains("expects a list of names", error.Exception.Message);
        }

        [Fact]
        public void A_layout_that_cannot_be_edited_safely_is_FinchConfigNotEditable()
        {
            var text = "{cpus: 2, memory: 4GiB}\n";
            _folder.Write(text);

            var error = _session.InvokeExpectingItemError("Enable-SociSnapshotter -ConfigPath $args[0]", _folder.ConfigPath);

            Assert.StartsWith("FinchConfigNotEditable,", error.FullyQualifiedErrorId);
            Assert.Contains("edit the list by hand", error.Exception.Message);
            Assert.Equal(text, _folder.Text);
        }

        [Fact]
        public void Unsupported_snapshotters_already_listed_are_warned_about()
        {
            _folder.Write("snapshotters: [stargz]\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -PassThru", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.Equal(new[] { "stargz" }, change.UnsupportedSnapshotters);
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("snapshotter stargz is not supported"));
        }

        [Fact]
        public void Disable_leaves_an_emptied_list_as_brackets()
        {
            _folder.Write("cpus: 2\nsnapshotters:\n  - soci\nmemory: 4GiB\n");

            var result = _session.Invoke("Disable-SociSnapshotter -ConfigPath $args[0] -PassThru", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.Empty(change.After);
            Assert.Equal("overlayfs", change.DefaultSnapshotter);
            Assert.Equal("cpus: 2\nsnapshotters: []\nmemory: 4GiB\n", _folder.Text);
        }

        [Fact]
        public void On_Linux_it_warns_that_Finch_ignores_the_list_and_edits_anyway()
        {
            ActAs("Linux");
            _folder.Write("dockercompat: true\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -PassThru", _folder.ConfigPath);

            result.ThrowIfErrors();
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("Finch on Linux ignores 'snapshotters'") && w.Message.Contains("finch-soci.service"));
            Assert.DoesNotContain(result.Streams.Warning, w => w.Message.Contains("Restart the Finch VM"));
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.False(change.RestartNeeded);
            Assert.Equal("dockercompat: true\nsnapshotters:\n  - soci\n", _folder.Text);
        }

        [Fact]
        public void On_Windows_the_default_file_is_under_LOCALAPPDATA_and_is_created_when_missing()
        {
            ActAs("Windows");
            Environment.SetEnvironmentVariable("LOCALAPPDATA", _folder.Folder);
            var expected = Path.Combine(_folder.Folder, ".finch", "finch.yaml");

            var result = _session.Invoke("Enable-SociSnapshotter -PassThru");

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.Equal(expected, change.ConfigPath);
            Assert.Null(change.BackupPath);
            Assert.Equal("snapshotters:\n  - soci\n", File.ReadAllText(expected));
        }

        [Fact]
        public void A_relative_ConfigPath_is_taken_from_the_PowerShell_location()
        {
            _folder.Write("cpus: 2\n");

            var result = _session.Invoke("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); Enable-SociSnapshotter -ConfigPath finch.yaml", Path.GetDirectoryName(_folder.ConfigPath));

            result.ThrowIfErrors();
            Assert.Equal("cpus: 2\nsnapshotters:\n  - soci\n", _folder.Text);
        }

        [Fact]
        public void Restart_stops_and_starts_a_running_VM_through_finch()
        {
            using var finch = new FinchDouble();
            finch.SetVmState(FinchVmState.Running);
            _folder.Write("snapshotters: [overlayfs]\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Restart -FinchPath $args[1] -PassThru -Verbose", _folder.ConfigPath, finch.Executable);

            result.ThrowIfErrors();
            // -Confirm covers the restart too: it is an operation of its own, which stops running containers.
            Assert.Contains(result.Streams.Verbose, v => v.Message.Contains("Restart it (finch vm stop, then finch vm start)") && v.Message.Contains("Finch virtual machine 'finch'"));
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.True(change.Restarted);
            Assert.False(change.RestartNeeded);
            Assert.Contains("Restarted the Finch VM", change.Message);
            var vmCommands = finch.CallLines.Where(c => c != "vm status").ToList();
            Assert.Equal(new[] { "vm stop", "vm start" }, vmCommands);
            Assert.Equal("Running", finch.VmState);
            Assert.DoesNotContain(result.Streams.Warning, w => w.Message.Contains("Restart the Finch VM"));
        }

        [Fact]
        public void Restart_leaves_a_stopped_VM_stopped_and_says_when_the_change_applies()
        {
            using var finch = new FinchDouble();
            finch.SetVmState(FinchVmState.Stopped);
            _folder.Write("snapshotters: [soci]\n");

            var result = _session.Invoke("Disable-SociSnapshotter -ConfigPath $args[0] -Restart -FinchPath $args[1] -PassThru", _folder.ConfigPath, finch.Executable);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.False(change.Restarted);
            Assert.Contains("next Start-FinchVM", change.Message);
            Assert.Equal(new[] { "vm status" }, finch.CallLines);
            Assert.Equal("Stopped", finch.VmState);
        }

        [Fact]
        public void Restart_is_refused_while_the_list_holds_a_name_finch_would_not_start_with()
        {
            using var finch = new FinchDouble();
            finch.SetVmState(FinchVmState.Running);
            _folder.Write("snapshotters: [stargz]\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Restart -FinchPath $args[1] -PassThru", _folder.ConfigPath, finch.Executable);

            result.ThrowIfErrors();
            dynamic change = result.Emitted("FinchSnapshotterChange").Single();
            Assert.True(change.Changed);
            Assert.False(change.Restarted);
            Assert.True(change.RestartNeeded);
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("was not restarted"));
            Assert.Empty(finch.CallLines);
            Assert.Equal("Running", finch.VmState);
        }

        [Fact]
        public void Restart_without_a_change_runs_no_finch_command()
        {
            using var finch = new FinchDouble();
            finch.SetVmState(FinchVmState.Running);
            _folder.Write("snapshotters: [soci]\n");

            var result = _session.Invoke("Enable-SociSnapshotter -ConfigPath $args[0] -Restart -FinchPath $args[1]", _folder.ConfigPath, finch.Executable);

            result.ThrowIfErrors();
            Assert.Empty(finch.CallLines);
            // An earlier Enable without -Restart may have left the VM on the old list: say how to apply it.
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("was not restarted") && w.Message.Contains("Stop-FinchVM then Start-FinchVM"));
        }

        [Fact]
        public void Get_FinchConfig_shows_values_and_what_each_change_needs()
        {
            ActAs("Windows");
            _folder.Write("cpus: 4\nvmType: wsl2\nsnapshotters:\n  - soci\n  - overlayfs\ndockercompat: true\nmine: 1\n");

            var result = _session.Invoke("Get-FinchConfig -ConfigPath $args[0]", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic config = result.Emitted("FinchConfig").Single();
            Assert.True(config.Exists);
            Assert.Equal("Windows", config.HostKind);
            Assert.Equal(new[] { "soci", "overlayfs" }, config.Snapshotters);
            Assert.Equal("soci", config.DefaultSnapshotter);
            Assert.True(config.SociEnabled);
            Assert.Equal(4, config.Cpus);
            Assert.Equal(new[] { "cpus" }, config.IgnoredHere);
            Assert.Equal(new[] { "mine" }, config.UnknownKeys);
            var settings = ((System.Collections.Generic.IEnumerable<object>)config.Settings).Cast<dynamic>().ToDictionary(s => (string)s.Name);
            Assert.Equal("VmRestart", settings["snapshotters"].TakesEffect);
            Assert.Equal(new[] { "soci", "overlayfs" }, (string[])settings["snapshotters"].Value);
            Assert.Equal("snapshotters: [soci, overlayfs]", settings["snapshotters"].ToString());
            Assert.True(settings["snapshotters"].AppliesHere);
            Assert.Equal("VmRecreate", settings["vmType"].TakesEffect);
            Assert.Equal("wsl2", settings["vmType"].Value);
            Assert.Equal("Immediate", settings["dockercompat"].TakesEffect);
            Assert.Equal("VmRestart", settings["cpus"].TakesEffect);
            Assert.False(settings["cpus"].AppliesHere);
            Assert.False(settings["rosetta"].IsSet);
            Assert.Equal("VmRecreate", settings["rosetta"].TakesEffect);
            Assert.Equal(13, settings.Count);
        }

        [Fact]
        public void Get_FinchConfig_of_a_missing_file_shows_defaults()
        {
            var result = _session.Invoke("Get-FinchConfig -ConfigPath $args[0]", _folder.ConfigPath);

            result.ThrowIfErrors();
            dynamic config = result.Emitted("FinchConfig").Single();
            Assert.False(config.Exists);
            Assert.Empty(config.Snapshotters);
            Assert.Equal("overlayfs", config.DefaultSnapshotter);
            Assert.False(config.SociEnabled);
        }

        [Fact]
        public void Get_FinchConfig_on_Linux_warns_that_snapshotters_is_ignored()
        {
            ActAs("Linux");
            _folder.Write("snapshotters: [soci]\n");

            var result = _session.Invoke("Get-FinchConfig -ConfigPath $args[0]", _folder.ConfigPath);

            result.ThrowIfErrors();
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains("Finch on Linux ignores 'snapshotters'"));
            dynamic config = result.Emitted("FinchConfig").Single();
            Assert.Equal(new[] { "snapshotters" }, config.IgnoredHere);
        }

        [Fact]
        public void Get_FinchConfig_of_a_broken_file_is_a_FinchConfigInvalid_error()
        {
            _folder.Write("cpus: [\n");

            var error = _session.InvokeExpectingItemError("Get-FinchConfig -ConfigPath $args[0]", _folder.ConfigPath);

            Assert.StartsWith("FinchConfigInvalid,", error.FullyQualifiedErrorId);
            Assert.Equal(_folder.ConfigPath, error.TargetObject);
        }

        private static void ActAs(string platform) => Environment.SetEnvironmentVariable(FinchHostPlatform.OverrideVariable, platform);

        private static string Information(InvocationResult result) => string.Join("\n", result.Streams.Information.Select(i => i.MessageData?.ToString()));
    }
}
