using System.Collections.Generic;

namespace SociTools.Hosting
{
    /// <summary>The warnings the finch.yaml cmdlets share, worded once.</summary>
    internal static class FinchConfigWarnings
    {
        public const string LinuxIgnoresSnapshotters =
            "Finch on Linux ignores 'snapshotters' in finch.yaml: SOCI runs there as finch-soci.service and containers pick it with '--snapshotter soci'.";

        public static string Unsupported(IReadOnlyList<string> names) =>
            $"finch.yaml lists {string.Join(", ", names)}, which Finch does not support: 'finch vm start' will fail with " +
            $"'snapshotter {names[0]} is not supported'. Finch accepts only overlayfs and soci; remove the others.";
    }
}
