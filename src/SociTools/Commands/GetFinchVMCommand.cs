using System.Management.Automation;
using SociTools.Core.Finch;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Get-FinchVM: the state of the Finch virtual machine, from finch vm status.</summary>
    [Cmdlet(VerbsCommon.Get, "FinchVM")]
    [OutputType(typeof(FinchVM))]
    public sealed class GetFinchVMCommand : FinchCmdlet
    {
        protected override void ProcessItem()
        {
            var finch = LocateFinch();
            var log = FinchLog("Reading the Finch virtual machine's state");
            try
            {
                var state = Run(token => new FinchVm(finch, FinchLogObserver(log)).GetStateAsync(token), finch.Executable);
                WriteObject(FinchVM.Of(finch, state, changed: false));
            }
            finally
            {
                log.Complete();
            }
        }
    }
}
