using System.Management.Automation;
using SociTools.Core.Finch;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Stop-FinchVM: stops the Finch virtual machine; a stopped or nonexistent VM is left alone.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "FinchVM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FinchVM))]
    public sealed class StopFinchVMCommand : FinchCmdlet
    {
        /// <summary>Stops with finch vm stop --force, which skips finch's state check; also sent to a stopped VM.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Emits the VM's state afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            var finch = LocateFinch();
            if (WarnedThatLinuxHasNoVm(finch, PassThru)) return;
            var log = FinchLog("Stopping the Finch virtual machine");
            try
            {
                var vm = new FinchVm(finch, FinchLogObserver(log));
                // With -Force a state finch cannot name (Broken) is no obstacle: vm stop --force skips finch's own check.
                var state = Force
                    ? Run(token => vm.GetStateOrUnknownAsync(token), finch.Executable)
                    : Run(async token => (FinchVmState?)await vm.GetStateAsync(token).ConfigureAwait(false), finch.Executable);
                var change = FinchVmChange.None;
                if (state == FinchVmState.Nonexistent || (state == FinchVmState.Stopped && !Force))
                {
                    WriteVerbose(state == FinchVmState.Stopped ? "The Finch virtual machine is already stopped." : "The Finch virtual machine does not exist.");
                }
                else
                {
                    var action = Force ? "Force stop (finch vm stop --force)" : "Stop (finch vm stop)";
                    if (!ShouldProcess("Finch virtual machine 'finch'", action)) return;
                    change = Run(token => vm.StopAsync(Force, token), finch.Executable);
                }
                if (PassThru)
                {
                    var now = Run(token => vm.GetStateAsync(token), finch.Executable);
                    var message = change == FinchVmChange.Stopped ? "Stopped the Finch virtual machine." : FinchVM.Describe(now);
                    WriteObject(FinchVM.Of(finch, now, change == FinchVmChange.Stopped, message));
                }
            }
            finally
            {
                log.Complete();
            }
        }
    }
}
