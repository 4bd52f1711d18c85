using System;
using System.Collections.Generic;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Run;

namespace SociTools
{
    /// <summary>The outcome of Invoke-SociRun: whether the image was lazily loaded, on what evidence, and how the container ended.</summary>
    public sealed class SociRunResult
    {
        /// <summary>The image as given.</summary>
        public string Image { get; set; } = "";

        /// <summary>The finch command line that ran the container.</summary>
        public string Command { get; set; } = "";

        /// <summary>True when layers were lazily loaded, false when they were fetched in full, null when the output cannot tell.</summary>
        public bool? LazilyLoaded { get; set; }

        public string Reason { get; set; } = "";

        /// <summary>Each observation behind <see cref="LazilyLoaded"/>.</summary>
        public IReadOnlyList<string> Evidence { get; set; } = new string[0];

        /// <summary>Digests of the layers the pull progress showed being fetched whole.</summary>
        public IReadOnlyList<string> LayersFetchedInFull { get; set; } = new string[0];

        /// <summary>SOCI FUSE mounts (fuse.rawBridge) after the run; null when they could not be counted (see <see cref="Evidence"/>).</summary>
        public int? FuseMounts { get; set; }

        /// <summary>The SOCI FUSE mounts this run added (earlier lazy pulls keep theirs); null when they could not be counted.</summary>
        public int? NewFuseMounts { get; set; }

        /// <summary>finch's exit code, which is the container's; 0 for a detached start.</summary>
        public int ExitCode { get; set; }

        public TimeSpan Elapsed { get; set; }

        /// <summary>The container ID of a -Detach run; null otherwise.</summary>
        public string? ContainerId { get; set; }

        /// <summary>The <c>soci:</c> lines finch logged, read into typed events.</summary>
        public IReadOnlyList<SociLogEvent> SociEvents { get; set; } = new SociLogEvent[0];

        /// <summary>The preflight findings; empty with -SkipPreflight.</summary>
        public IReadOnlyList<PreflightFinding> Preflight { get; set; } = new PreflightFinding[0];

        public override string ToString() =>
            $"{Image}: " + (LazilyLoaded == true ? "lazily loaded" : LazilyLoaded == false ? "not lazily loaded" : "lazy loading unknown") +
            $", exit code {ExitCode}";
    }
}
