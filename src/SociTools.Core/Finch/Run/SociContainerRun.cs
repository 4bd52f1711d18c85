using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Vm;

namespace SociTools.Core.Finch.Run
{
    /// <summary>
    /// Runs a container with <c>finch run --snapshotter soci</c> (after <c>finch pull --soci-index-digest</c> when an index
    /// is named), streaming what it prints as <see cref="SociRunEvent"/>s, and counts the SOCI FUSE mounts before and after.
    /// </summary>
    public sealed class SociContainerRun
    {
        /// <summary>Enough of the end of finch's output for its error message; the rest reaches the events as it arrives.</summary>
        private const int KeptCharacters = 64 * 1024;

        private readonly FinchCli _finch;
        private readonly SociFuseMounts? _fuseMounts;

        /// <param name="fuseMounts">Counts the mounts after the run; null leaves them uncounted.</param>
        public SociContainerRun(FinchCli finch, SociFuseMounts? fuseMounts)
        {
            _finch = finch ?? throw new ArgumentNullException(nameof(finch));
            _fuseMounts = fuseMounts;
        }

        /// <summary>
        /// Returns the container's exit code whatever it is; throws <see cref="FinchCommandException"/> when finch itself
        /// failed (a <c>FATA</c> line and a non-zero exit: bad image name, pull error, unknown flag) or the pull failed.
        /// </summary>
        public async Task<SociRunOutcome> RunAsync(SociRunRequest request, IProgress<SociRunEvent>? events, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var sorter = new RunOutputSorter(events);
            // Mounts outlive the containers that made them, so only the ones this run adds say anything about its image.
            var mountsBefore = await CountMountsAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var pull = request.PullArguments();
            if (pull != null)
            {
                // A pull prints its progress on stdout.
                sorter.StandardOutputIsFinchs = true;
                var pulled = await _finch.RunWithOptionsAsync(pull, Streaming(sorter), cancellationToken).ConfigureAwait(false);
                if (pulled.ExitCode != 0) throw FinchCommandException.FromResult(pull, pulled);
            }
            sorter.StandardOutputIsFinchs = request.Detach;
            var arguments = request.RunArguments();
            var ran = await _finch.RunWithOptionsAsync(arguments, Streaming(sorter), cancellationToken).ConfigureAwait(false);
            clock.Stop();
            if (ran.ExitCode != 0 && sorter.SawFatal) throw FinchCommandException.FromResult(arguments, ran);
            var containerId = request.Detach ? sorter.LastStandardOutputLine?.Trim() : null;
            var mounts = await CountMountsAsync(cancellationToken).ConfigureAwait(false);
            return new SociRunOutcome(ran.ExitCode, clock.Elapsed, containerId, sorter.Progress, sorter.SociEvents, mounts, mountsBefore);
        }

        private async Task<FuseMountCount> CountMountsAsync(CancellationToken cancellationToken) =>
            _fuseMounts == null
                ? FuseMountCount.NotChecked("counting was turned off")
                : await _fuseMounts.CountAsync(cancellationToken).ConfigureAwait(false);

        private static ProcessRunOptions Streaming(RunOutputSorter sorter) =>
            new ProcessRunOptions { OnLine = sorter.Accept, KeptCharacters = KeptCharacters };
    }
}
