using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Enable-SociSnapshotter: adds soci to finch.yaml's snapshotters (first with -Default), changing no other byte.</summary>
    [Cmdlet(VerbsLifecycle.Enable, "SociSnapshotter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FinchSnapshotterChange))]
    public sealed class EnableSociSnapshotterCommand : SnapshottersCmdlet
    {
        /// <summary>Puts soci first, which makes it the snapshotter Finch's containers use by default.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override string Operation => Default ? "Make SOCI Finch's default snapshotter" : "Enable the SOCI snapshotter";

        protected override Task<SnapshottersEdit> PlanAsync(string path, CancellationToken cancellationToken) =>
            FinchConfigFile.PlanSociEnableAsync(path, Default, cancellationToken);

        protected override string Unchanged(SnapshottersEdit edit) =>
            $"{edit.ConfigPath} already lists soci{(Default ? " first" : "")} (snapshotters {List(edit.After)}); nothing was written.";
    }
}
