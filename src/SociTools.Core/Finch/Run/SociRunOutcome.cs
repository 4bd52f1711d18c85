using System;
using System.Collections.Generic;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Vm;

namespace SociTools.Core.Finch.Run
{
    /// <summary>How a <c>finch run --snapshotter soci</c> ended and what its output showed about lazy loading.</summary>
    public sealed class SociRunOutcome
    {
        internal SociRunOutcome(int exitCode, TimeSpan elapsed, string? containerId, PullProgress progress,
            IReadOnlyList<SociLogEvent> sociEvents, FuseMountCount fuseMounts, FuseMountCount fuseMountsBefore)
        {
            FuseMountsBefore = fuseMountsBefore;
            ExitCode = exitCode;
            Elapsed = elapsed;
            ContainerId = containerId;
            Progress = progress;
            SociEvents = sociEvents;
            FuseMounts = fuseMounts;
        }

        /// <summary>finch's exit code, which is the container's (finch.md §2.4); 0 for a detached start.</summary>
        public int ExitCode { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>The ID a detached run printed; null otherwise.</summary>
        public string? ContainerId { get; }

        /// <summary>The pull progress of the run (and of the explicit pull before it, when there was one).</summary>
        public PullProgress Progress { get; }

        public IReadOnlyList<SociLogEvent> SociEvents { get; }

        /// <summary>The SOCI FUSE mounts in the VM after the run.</summary>
        public FuseMountCount FuseMounts { get; }

        /// <summary>The SOCI FUSE mounts before the run: earlier lazy pulls leave theirs until their images are removed.</summary>
        public FuseMountCount FuseMountsBefore { get; }

        /// <summary>The mounts the run added (after minus before); the count after when the one before is unknown; null when neither is known.</summary>
        public int? NewFuseMounts =>
            FuseMounts.Count is int after
                ? FuseMountsBefore.Count is int before ? System.Math.Max(0, after - before) : after
                : (int?)null;
    }
}
