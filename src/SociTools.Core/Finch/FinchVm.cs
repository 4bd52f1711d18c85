using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// The Finch VM through <c>finch vm status|init|start|stop</c>, idempotent: starting a running VM or stopping a stopped
    /// one does nothing. finch's log lines go to the log observer as they arrive. On Linux there is no VM and nothing runs.
    /// </summary>
    public sealed class FinchVm : IFinchVmControl
    {
        private static readonly string[] Status = { "vm", "status" };
        private readonly FinchCli _finch;
        private readonly IProgress<FinchLogLine>? _log;

        public FinchVm(FinchCli finch, IProgress<FinchLogLine>? log = null)
        {
            _finch = finch;
            _log = log;
        }

        public FinchCli Finch => _finch;

        /// <summary>How long <see cref="WaitForStateAsync"/> waits between status checks.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        public async Task<FinchVmState> GetStateAsync(CancellationToken cancellationToken)
        {
            if (_finch.Kind == FinchHostKind.LinuxNative) return FinchVmState.NotApplicable;
            var result = await _finch.RunCheckedAsync(Status, ReportErrorStream, cancellationToken).ConfigureAwait(false);
            var said = result.StandardOutput.Trim();
            return said switch
            {
                "Running" => FinchVmState.Running,
                "Stopped" => FinchVmState.Stopped,
                "Nonexistent" => FinchVmState.Nonexistent,
                _ => throw new FinchException(
                    $"'finch vm status' printed '{said}', which is none of Running, Stopped or Nonexistent; this finch may be newer than SociTools knows."),
            };
        }

        /// <summary>Initializes a nonexistent VM, starts a stopped one, leaves a running one alone.</summary>
        public async Task<FinchVmChange> StartAsync(CancellationToken cancellationToken)
        {
            var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
            switch (state)
            {
                case FinchVmState.Running:
                case FinchVmState.NotApplicable:
                    return FinchVmChange.None;
                case FinchVmState.Nonexistent:
                    return await InitializeAsync(cancellationToken).ConfigureAwait(false);
                default:
                    return await StartStoppedAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Stops a running VM; a stopped or missing one is left alone, except that <paramref name="force"/> still sends
        /// <c>vm stop --force</c> to a stopped VM (finch skips its state check and detaches the data disk).
        /// </summary>
        public async Task<FinchVmChange> StopAsync(bool force, CancellationToken cancellationToken)
        {
            var state = force ? await GetStateOrUnknownAsync(cancellationToken).ConfigureAwait(false) : await GetStateAsync(cancellationToken).ConfigureAwait(false);
            if (state == FinchVmState.NotApplicable || state == FinchVmState.Nonexistent) return FinchVmChange.None;
            if (state == FinchVmState.Stopped && !force) return FinchVmChange.None;
            var arguments = force ? new[] { "vm", "stop", "--force" } : new[] { "vm", "stop" };
            try
            {
                await _finch.RunCheckedAsync(arguments, Report, cancellationToken).ConfigureAwait(false);
            }
            catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmAlreadyStopped || e.Kind == FinchErrorKind.VmNotFound)
            {
                // Someone else stopped or removed it between our status check and the stop.
                return FinchVmChange.None;
            }
            return state == FinchVmState.Running || state == null ? FinchVmChange.Stopped : FinchVmChange.None;
        }

        /// <summary>
        /// The state, or null when Lima reports one finch cannot name (e.g. Broken): <c>vm stop --force</c> skips finch's
        /// state check, so it is the way out of such a state.
        /// </summary>
        public async Task<FinchVmState?> GetStateOrUnknownAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await GetStateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmStatusUnknown)
            {
                return null;
            }
        }

        /// <summary>
        /// Asks <c>finch vm status</c> until it says <paramref name="wanted"/>; a status finch cannot name yet counts as not there.
        /// The timeout bounds the whole wait, including a status call that does not answer (it is then ended).
        /// </summary>
        public async Task WaitForStateAsync(FinchVmState wanted, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // CancelAfter takes at most int.MaxValue milliseconds (about 24 days); anything longer is as good as no limit.
            if (timeout.TotalMilliseconds < int.MaxValue) deadline.CancelAfter(timeout);
            var seen = "no answer";
            try
            {
                while (true)
                {
                    try
                    {
                        var state = await GetStateAsync(deadline.Token).ConfigureAwait(false);
                        if (state == wanted || state == FinchVmState.NotApplicable) return;
                        seen = state.ToString();
                    }
                    catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmStatusUnknown || e.Kind == FinchErrorKind.CommandFailed)
                    {
                        // Lima passes through states finch has no name for (e.g. Starting on WSL) on its way up, and
                        // 'limactl ls' may fail meanwhile ("exit status N, stderr: ..."): both may pass, so ask again.
                        seen = e.FinchMessage;
                    }
                    await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
                    seen = "no answer (before that: " + seen + ")";
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FinchVmTimeoutException(wanted, timeout, seen);
            }
        }

        Task IFinchVmControl.StartAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);

        Task IFinchVmControl.StopAsync(bool force, CancellationToken cancellationToken) => StopAsync(force, cancellationToken);

        private async Task<FinchVmChange> InitializeAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _finch.RunCheckedAsync(new[] { "vm", "init" }, Report, cancellationToken).ConfigureAwait(false);
                return FinchVmChange.Initialized;
            }
            catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmAlreadyExists)
            {
                // Created by someone else since our status check, and stopped: start it.
                return await StartStoppedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmAlreadyRunning)
            {
                return FinchVmChange.None;
            }
        }

        private async Task<FinchVmChange> StartStoppedAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _finch.RunCheckedAsync(new[] { "vm", "start" }, Report, cancellationToken).ConfigureAwait(false);
                return FinchVmChange.Started;
            }
            catch (FinchCommandException e) when (e.Kind == FinchErrorKind.VmAlreadyRunning)
            {
                // Started by someone else since our status check; make sure it really runs.
                var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
                if (state == FinchVmState.Running) return FinchVmChange.None;
                throw;
            }
        }

        // The status word on stdout is the answer, not news for the log.
        private void ReportErrorStream(ProcessOutputLine line)
        {
            if (line.Stream == ProcessOutputStream.StandardError) Report(line);
        }

        private void Report(ProcessOutputLine line)
        {
            if (_log == null || line.Text.Trim().Length == 0) return;
            _log.Report(FinchLogLine.From(line));
        }
    }
}
