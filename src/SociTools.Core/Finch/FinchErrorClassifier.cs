using System;
using System.Linq;

namespace SociTools.Core.Finch
{
    /// <summary>Reads what a finch failure means from its output, using the messages finch's source writes (finch.md §1.5, §2.2–2.3).</summary>
    public static class FinchErrorClassifier
    {
        // Checked in order: Lima's debug logs quote other tools, so finch's own framing wins over anything inside them.
        private static readonly (FinchErrorKind Kind, string[] Markers)[] Rules =
        {
            (FinchErrorKind.VmFailed, new[] { "Finch virtual machine failed to" }),
            (FinchErrorKind.SnapshotterNotSupported, new[] { "failed to provision snapshotters" }),
            (FinchErrorKind.ConfigInvalid, new[] { "failed to load config" }),
            (FinchErrorKind.VmUnsupported, new[] { "unsupported vm type", "virtualization framework support", "wsl2 is not supported" }),
            (FinchErrorKind.VmAlreadyExists, new[] { "already exists but is stopped" }),
            (FinchErrorKind.VmAlreadyRunning, new[] { "is already running" }),
            (FinchErrorKind.VmAlreadyStopped, new[] { "is already stopped" }),
            (FinchErrorKind.VmRunning, new[] { "is running, run `finch vm stop`" }),
            (FinchErrorKind.VmNotRunning, new[] { "is stopped, run `finch vm start`", "because VM is not running" }),
            // Both `vm start` and a container command with auto-start off say this.
            (FinchErrorKind.VmNotFound, new[] { "\"finch\" does not exist" }),
            (FinchErrorKind.VmStatusUnknown, new[] { "unrecognized system status", "has an unknown status", "state of \"finch\" is unknown" }),
            (FinchErrorKind.UnknownCommand, new[] { "unknown command" }),
        };

        /// <summary>The kind of failure finch's output (stderr, in either log form) describes.</summary>
        public static FinchErrorKind Classify(string output)
        {
            // Parsed, so the key=value form's escaped quotes read like the terminal form's.
            var messages = string.Join("\n", output.Split('\n').Select(line => FinchLogMessage.Parse(line.TrimEnd('\r')).Message));
            foreach (var (kind, markers) in Rules)
            {
                foreach (var marker in markers)
                {
                    if (messages.IndexOf(marker, StringComparison.Ordinal) >= 0) return kind;
                }
            }
            return FinchErrorKind.CommandFailed;
        }
    }
}
