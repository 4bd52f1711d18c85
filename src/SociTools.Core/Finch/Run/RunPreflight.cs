using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Finch.Output;

namespace SociTools.Core.Finch.Run
{
    /// <summary>
    /// Decides, from gathered facts, what would stop <c>finch run --snapshotter soci</c> from loading an image lazily,
    /// with the fix for each. Facts that could not be gathered give NotChecked findings, never failures.
    /// </summary>
    public static class RunPreflight
    {
        public const string RestartVm = "Restart the VM: Stop-FinchVM; Start-FinchVM.";

        public static IReadOnlyList<PreflightFinding> Evaluate(PreflightFacts facts)
        {
            var findings = new List<PreflightFinding>
            {
                SnapshotterConfigured(facts),
                VmStartedWithSoci(facts),
                VmRunning(facts),
                ImageNotLocal(facts),
            };
            findings.AddRange(RegistryPreflight.Evaluate(facts));
            return findings;
        }

        private static bool ListsSoci(ConfiguredSnapshotters? config) =>
            config != null && config.Snapshotters.Any(s => s.Trim() == "soci");

        private static PreflightFinding SnapshotterConfigured(PreflightFacts facts)
        {
            const PreflightCheck check = PreflightCheck.SnapshotterConfigured;
            if (facts.Host == FinchHostKind.LinuxNative)
            {
                return new PreflightFinding(check, PreflightOutcome.NotChecked,
                    "Finch on Linux ignores 'snapshotters' in finch.yaml; its SOCI snapshotter is the finch-soci service.");
            }
            if (!facts.Config.IsAvailable) return new PreflightFinding(check, PreflightOutcome.NotChecked, "finch.yaml could not be read: " + facts.Config.UnavailableReason);
            var config = facts.Config.Value!;
            var listed = config.Snapshotters.Count == 0 ? "none listed" : string.Join(", ", config.Snapshotters);
            if (ListsSoci(config))
            {
                return new PreflightFinding(check, PreflightOutcome.Passed, $"soci is in 'snapshotters' ({listed}) in {config.Path}.");
            }
            if (RunningVmStartedWithSoci(facts))
            {
                // Taking soci out of the list uninstalls nothing (finch.md §1.4), and the run names the snapshotter itself.
                return new PreflightFinding(check, PreflightOutcome.Passed,
                    $"soci is not in 'snapshotters' ({listed}) in {config.Path}, but the running VM was started with it ({facts.VmStart.Value!.Path}) " +
                    "and finch leaves it installed when it is taken out of the list.");
            }
            return new PreflightFinding(check, PreflightOutcome.Failed,
                $"soci is not in 'snapshotters' ({listed}) in {config.Path}, so the Finch VM has no SOCI snapshotter to run the image with.",
                $"Add soci to 'snapshotters' in {config.Path} (for example snapshotters: [soci] or [overlayfs, soci]), then restart the VM: Stop-FinchVM; Start-FinchVM.");
        }

        private static bool RunningVmStartedWithSoci(PreflightFacts facts) =>
            facts.VmState.IsAvailable && facts.VmState.Value == FinchVmState.Running
            && facts.VmStart.IsAvailable && facts.VmStart.Value!.SociProvisioned;

        private static PreflightFinding VmStartedWithSoci(PreflightFacts facts)
        {
            const PreflightCheck check = PreflightCheck.VmStartedWithSoci;
            if (facts.Host == FinchHostKind.LinuxNative) return new PreflightFinding(check, PreflightOutcome.NotChecked, "Finch on Linux has no VM.");
            if (facts.VmState.IsAvailable && facts.VmState.Value != FinchVmState.Running)
            {
                return new PreflightFinding(check, PreflightOutcome.NotChecked,
                    "The VM is not running; finch writes its snapshotter settings from finch.yaml again when it starts.");
            }
            if (!facts.VmStart.IsAvailable) return new PreflightFinding(check, PreflightOutcome.NotChecked, facts.VmStart.UnavailableReason!);
            var started = facts.VmStart.Value!;
            var defaultSnapshotter = started.DefaultSnapshotter ?? "overlayfs";
            if (started.SociProvisioned)
            {
                return new PreflightFinding(check, PreflightOutcome.Passed,
                    $"The VM was started with soci enabled (default snapshotter {defaultSnapshotter}), per {started.Path}.");
            }
            if (ListsSoci(facts.Config.Value))
            {
                return new PreflightFinding(check, PreflightOutcome.Failed,
                    $"soci is in {facts.Config.Value!.Path} but the running VM was started without it ({started.Path} has no soci provisioning script): " +
                    "finch applies 'snapshotters' only when the VM starts.",
                    RestartVm);
            }
            return new PreflightFinding(check, PreflightOutcome.Failed,
                $"The running VM was started without soci in 'snapshotters' ({started.Path} has no soci provisioning script), so it has no SOCI snapshotter.",
                "Add soci to 'snapshotters' in finch.yaml, then restart the VM: Stop-FinchVM; Start-FinchVM.");
        }

        private static PreflightFinding VmRunning(PreflightFacts facts)
        {
            const PreflightCheck check = PreflightCheck.VmRunning;
            if (facts.Host == FinchHostKind.LinuxNative) return new PreflightFinding(check, PreflightOutcome.NotChecked, "Finch on Linux has no VM.");
            if (!facts.VmState.IsAvailable) return new PreflightFinding(check, PreflightOutcome.NotChecked, "The VM state is unknown: " + facts.VmState.UnavailableReason);
            return facts.VmState.Value switch
            {
                FinchVmState.Running => new PreflightFinding(check, PreflightOutcome.Passed, "The Finch VM is running."),
                FinchVmState.Nonexistent => new PreflightFinding(check, PreflightOutcome.Failed,
                    "The Finch VM does not exist: finch creates it before the run when auto_vm_start is on (the default; this takes minutes) and fails otherwise, " +
                    "and whether SOCI is enabled in it could not be checked.",
                    "Create and start it first: Start-FinchVM."),
                _ => new PreflightFinding(check, PreflightOutcome.Failed,
                    "The Finch VM is stopped: finch starts it before the run when auto_vm_start is on (the default) and fails otherwise, " +
                    "and whether SOCI is enabled in it could not be checked.",
                    "Start it first: Start-FinchVM."),
            };
        }

        private static PreflightFinding ImageNotLocal(PreflightFacts facts)
        {
            const PreflightCheck check = PreflightCheck.ImageNotLocal;
            if (!facts.LocalImages.IsAvailable) return new PreflightFinding(check, PreflightOutcome.NotChecked, "Local images could not be listed: " + facts.LocalImages.UnavailableReason);
            var present = LocalImageList.Matching(facts.LocalImages.Value!, facts.Image);
            if (present.Count == 0)
            {
                return new PreflightFinding(check, PreflightOutcome.Passed, $"{facts.Image} is not present locally, so finch pulls it.");
            }
            var platforms = string.Join(", ", present.Select(p => p.Platform).Where(p => p.Length > 0).Distinct());
            return new PreflightFinding(check, PreflightOutcome.Failed,
                $"{facts.Image} is already present locally ({(platforms.Length > 0 ? platforms : "image id " + present[0].Id)}), " +
                "so finch runs it without pulling and nothing is lazily loaded in this run.",
                $"Remove the local copy first: finch image rm {facts.Image}.");
        }
    }
}
