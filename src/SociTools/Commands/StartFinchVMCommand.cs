using System;
using System.Management.Automation;
using SociTools.Core.Finch;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Start-FinchVM: starts the Finch virtual machine, creating it when it does not exist; a running VM is left alone.</summary>
    [Cmdlet(VerbsLifecycle.Start, "FinchVM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FinchVM))]
    public sealed class StartFinchVMCommand : FinchCmdlet
    {
        /// <summary>After finch returns, waits until finch vm status says Running.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits; default 10 minutes.</summary>
        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Emits the VM's state afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void CheckArguments()
        {
            if (Timeout <= TimeSpan.Zero)
            {
                Fail(new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "-Timeout must be longer than zero."), "InvalidArgument", ErrorCategory.InvalidArgument, Timeout);
            }
        }

        protected override void ProcessItem()
        {
            var finch = LocateFinch();
            if (WarnedThatLinuxHasNoVm(finch, PassThru)) return;
            var log = FinchLog("Starting the Finch virtual machine");
            try
            {
                var vm = new FinchVm(finch, FinchLogObserver(log));
                var state = Run(token => vm.GetStateAsync(token), finch.Executable);
                var change = FinchVmChange.None;
                if (state == FinchVmState.Running)
                {
                    WriteVerbose("The Finch virtual machine is already running.");
                }
                else
                {
                    var action = state == FinchVmState.Nonexistent ? "Create and start (finch vm init)" : "Start (finch vm start)";
                    if (!ShouldProcess("Finch virtual machine 'finch'", action)) return;
                    change = Run(token => vm.StartAsync(token), finch.Executable);
                }
                if (Wait)
                {
                    log.Status($"Waiting up to {Timeout} for 'finch vm status' to say Running");
                    Run(token => vm.WaitForStateAsync(FinchVmState.Running, Timeout, token), finch.Executable);
                }
                if (PassThru)
                {
                    var now = Run(token => vm.GetStateAsync(token), finch.Executable);
                    WriteObject(FinchVM.Of(finch, now, change != FinchVmChange.None, Describe(change, now)));
                }
            }
            finally
            {
                log.Complete();
            }
        }

        private static string Describe(FinchVmChange change, FinchVmState now) => change switch
        {
            FinchVmChange.Initialized => "Created and started the Finch virtual machine.",
            FinchVmChange.Started => "Started the Finch virtual machine.",
            _ => now == FinchVmState.Running ? "The Finch virtual machine was already running." : FinchVM.Describe(now),
        };
    }
}
