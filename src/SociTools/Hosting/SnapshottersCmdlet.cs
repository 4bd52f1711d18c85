using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Config;

namespace SociTools.Hosting
{
    /// <summary>
    /// Enable-/Disable-SociSnapshotter: plan an edit of finch.yaml's snapshotters list, show it under -WhatIf, write it
    /// atomically (previous file kept as finch.yaml.bak), and with -Restart restart a running VM so it takes effect.
    /// Emits a <see cref="FinchSnapshotterChange"/> only with -PassThru; what happened is also told as information messages.
    /// </summary>
    public abstract class SnapshottersCmdlet : FinchCmdlet
    {
        /// <summary>The finch.yaml to edit; by default the one Finch reads on this host.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>Stops and starts a running Finch VM after a change so that it uses the new list.</summary>
        [Parameter]
        public SwitchParameter Restart { get; set; }

        /// <summary>Emits the change (or non-change) as an object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What ShouldProcess calls the operation, e.g. "Enable the SOCI snapshotter".</summary>
        protected abstract string Operation { get; }

        protected abstract Task<SnapshottersEdit> PlanAsync(string path, CancellationToken cancellationToken);

        /// <summary>Why nothing needs writing, for a plan that changes nothing.</summary>
        protected abstract string Unchanged(SnapshottersEdit edit);

        protected override void ProcessItem()
        {
            var host = Run(_ => Task.FromResult(FinchHostPlatform.Current), ConfigPath);
            var given = ConfigPath == null ? null : FileSystemPath(ConfigPath);
            var path = Run(_ => Task.FromResult(FinchConfigLocation.Resolve(given, host)), ConfigPath);
            if (host == FinchHostKind.LinuxNative)
            {
                WriteWarning(FinchConfigWarnings.LinuxIgnoresSnapshotters + " The file is edited anyway.");
            }
            var edit = Run(token => PlanAsync(path, token), path);
            var change = new FinchSnapshotterChange
            {
                ConfigPath = path,
                Before = edit.Before,
                After = edit.After,
                DefaultSnapshotter = edit.After.Count > 0 ? edit.After[0] : "overlayfs",
                UnsupportedSnapshotters = FinchSettings.UnsupportedAmong(edit.After),
            };
            if (change.UnsupportedSnapshotters.Count > 0)
            {
                WriteWarning(FinchConfigWarnings.Unsupported(change.UnsupportedSnapshotters));
            }
            if (!edit.Changed)
            {
                change.Message = Unchanged(edit);
                Tell(change.Message);
                if (Restart && host != FinchHostKind.LinuxNative)
                {
                    // The file may have been changed earlier without a restart; the VM would then still run the old list.
                    WriteWarning("The file did not change, so the Finch VM was not restarted. If it has not been restarted since the list was last changed, " +
                        "restart it for the list to take effect: Stop-FinchVM then Start-FinchVM.");
                }
                if (PassThru) WriteObject(change);
                return;
            }
            var description = $"{path}: snapshotters {List(edit.Before)} -> {List(edit.After)}" + (edit.CreatesFile ? " (creates the file)" : "");
            if (!ShouldProcess(description, Operation)) return;

            change.BackupPath = Run(token => FinchConfigFile.WriteAsync(edit, token), path);
            change.Changed = true;
            change.Message = (edit.CreatesFile ? $"Created {path} with" : $"Changed {path}:") + $" snapshotters {List(edit.Before)} -> {List(edit.After)}" +
                (change.BackupPath != null ? $"; the previous file is {change.BackupPath}." : ".");
            Tell(change.Message);
            if (host != FinchHostKind.LinuxNative)
            {
                change.RestartNeeded = true;
                if (Restart && change.UnsupportedSnapshotters.Count > 0)
                {
                    // finch would stop the VM and then fail to start it again; leave it running instead.
                    WriteWarning("The Finch VM was not restarted: 'finch vm start' would fail on the unsupported snapshotters. Remove them, then restart it.");
                }
                else if (Restart && !ShouldProcess("Finch virtual machine 'finch'", "Restart it (finch vm stop, then finch vm start) so that it uses the new snapshotters"))
                {
                    WriteWarning("The Finch VM was not restarted; restart it for the change to take effect: Stop-FinchVM then Start-FinchVM.");
                }
                else if (Restart)
                {
                    var outcome = RestartVm(host);
                    change.Restarted = outcome.Restarted;
                    change.RestartNeeded = false;
                    change.Message += " " + outcome.Message;
                    Tell(outcome.Message);
                }
                else
                {
                    WriteWarning("Restart the Finch VM for the change to take effect: Stop-FinchVM then Start-FinchVM (or 'finch vm stop' then 'finch vm start'); " +
                        "with -Restart, this cmdlet does it when it changes the file.");
                }
            }
            if (PassThru) WriteObject(change);
        }

        private FinchRestartOutcome RestartVm(FinchHostKind host)
        {
            var finch = LocateFinch();
            var log = FinchLog("Restarting the Finch virtual machine");
            try
            {
                var vm = new FinchVm(finch, FinchLogObserver(log));
                return Run(token => FinchConfigRestart.ApplyAsync(vm, host, token), finch.Executable);
            }
            finally
            {
                log.Complete();
            }
        }

        private void Tell(string message)
        {
            WriteVerbose(message);
            WriteInformation(message, new[] { "SociTools", "FinchConfig" });
        }

        protected static string List(IReadOnlyList<string> names) => "[" + string.Join(", ", names) + "]";
    }
}
