using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Disable-SociSnapshotter: removes soci from finch.yaml's snapshotters; an emptied list stays as <c>snapshotters: []</c>.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "SociSnapshotter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FinchSnapshotterChange))]
    public sealed class DisableSociSnapshotterCommand : SnapshottersCmdlet
    {
        protected override string Operation => "Disable the SOCI snapshotter";

        protected override Task<SnapshottersEdit> PlanAsync(string path, CancellationToken cancellationToken) =>
            FinchConfigFile.PlanSociDisableAsync(path, cancellationToken);

        protected override string Unchanged(SnapshottersEdit edit) =>
            $"{edit.ConfigPath} does not list soci (snapshotters {List(edit.After)}); nothing was written.";
    }
}
