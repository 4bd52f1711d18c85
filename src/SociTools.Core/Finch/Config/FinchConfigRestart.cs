using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch.Config
{
    /// <summary>What became of the VM after a finch.yaml change that needs a restart.</summary>
    public sealed class FinchRestartOutcome
    {
        internal FinchRestartOutcome(bool restarted, FinchVmState state, string message)
        {
            Restarted = restarted;
            State = state;
            Message = message;
        }

        /// <summary>True when the VM was stopped and started again, so it now runs with the new settings.</summary>
        public bool Restarted { get; }

        /// <summary>The VM's state when the restart was asked for.</summary>
        public FinchVmState State { get; }

        public string Message { get; }
    }

    /// <summary>Applies a <c>snapshotters</c> change: a running VM is stopped and started; a stopped one is left for its next start.</summary>
    public static class FinchConfigRestart
    {
        public static async Task<FinchRestartOutcome> ApplyAsync(IFinchVmControl vm, FinchHostKind host, CancellationToken cancellationToken)
        {
            if (host == FinchHostKind.LinuxNative)
            {
                return new FinchRestartOutcome(false, FinchVmState.NotApplicable,
                    "Finch on Linux has no VM to restart; it does not read 'snapshotters' (SOCI runs as finch-soci.service).");
            }
            var state = await vm.GetStateAsync(cancellationToken).ConfigureAwait(false);
            switch (state)
            {
                case FinchVmState.Running:
                    await vm.StopAsync(force: false, cancellationToken).ConfigureAwait(false);
                    await vm.StartAsync(cancellationToken).ConfigureAwait(false);
                    return new FinchRestartOutcome(true, state, "Restarted the Finch VM; it now uses the new snapshotters.");
                case FinchVmState.Stopped:
                    return new FinchRestartOutcome(false, state, "The Finch VM is stopped, so it was not started; the change applies at the next Start-FinchVM (or 'finch vm start').");
                default:
                    return new FinchRestartOutcome(false, state, "The Finch VM does not exist yet; the change applies when it is created (Start-FinchVM or 'finch vm init').");
            }
        }
    }
}
