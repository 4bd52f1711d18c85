using System.Threading.Tasks;
using System.Management.Automation;
using SociTools.Core.Finch;

namespace SociTools.Hosting
{
    /// <summary>The base of cmdlets that run finch: the -FinchPath parameter and finch's log lines shown in PowerShell's streams.</summary>
    public abstract class FinchCmdlet : SociCmdlet
    {
        /// <summary>The finch executable; default: SOCITOOLS_FINCH, then PATH, then Finch's install folders.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FinchPath { get; set; }

        /// <summary>Finds finch, or stops the call with FinchNotInstalled saying how to install it.</summary>
        protected FinchCli LocateFinch()
        {
            var path = FinchPath == null ? null : FileSystemPath(FinchPath);
            return Run(_ => Task.FromResult(FinchCli.Locate(path)), FinchPath);
        }

        /// <summary>On Linux, where Finch has no VM, warns (and with -PassThru emits the NotApplicable state); true when that is all to do.</summary>
        protected bool WarnedThatLinuxHasNoVm(FinchCli finch, bool passThru)
        {
            if (finch.Kind != FinchHostKind.LinuxNative) return false;
            WriteWarning(FinchVM.LinuxMessage);
            if (passThru) WriteObject(FinchVM.Of(finch, FinchVmState.NotApplicable, changed: false));
            return true;
        }

        /// <summary>Streams for finch's log lines under one progress activity; complete them in a finally block.</summary>
        internal FinchLogStreams FinchLog(string activity, int activityId = 1) => new FinchLogStreams(this, activity, activityId);

        /// <summary>An observer for core Finch types that writes each line on the pipeline thread.</summary>
        internal System.IProgress<FinchLogLine> FinchLogObserver(FinchLogStreams streams) => PipelineProgress<FinchLogLine>(streams.Write);
    }
}
