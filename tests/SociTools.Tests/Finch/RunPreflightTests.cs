using System.Collections.Generic;
using System.IO;
using System.Linq;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Run;
using SociTools.Core.Finch.Vm;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using Xunit;
using SociTools.Core.Soci.Locating;

namespace SociTools.Tests.Finch
{
    public class RunPreflightTests
    {
        private static readonly Reference Image = Reference.Parse("127.0.0.1:5000/app:1.0");

        private static VmStartSnapshotters StartedWith(bool soci)
        {
            var folder = Path.Combine(Path.GetTempPath(), "finch-preflight-" + System.Guid.NewGuid().ToString("n"));
            var path = VmStartSnapshotters.PathUnder(folder);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, VmStartSnapshottersTests.OverrideYaml(soci ? "soci" : null, soci));
            return VmStartSnapshotters.Read(path)!;
        }

        private static PreflightFacts Healthy(FinchHostKind host = FinchHostKind.MacOS) => new PreflightFacts(host, Image)
        {
            Config = Gathered<ConfiguredSnapshotters>.Of(new ConfiguredSnapshotters("/Users/me/.finch/finch.yaml", new[] { "soci" })),
            VmStart = Gathered<VmStartSnapshotters>.Of(StartedWith(soci: true)),
            VmState = Gathered<FinchVmState?>.Of(FinchVmState.Running),
            LocalImages = Gathered<IReadOnlyList<LocalImage>>.Of(new LocalImage[0]),
        };

        private static PreflightFinding Finding(PreflightFacts facts, PreflightCheck check) =>
            RunPreflight.Evaluate(facts).Single(f => f.Check == check);

        [Fact]
        public void A_configured_running_vm_with_the_image_absent_passes_the_local_checks()
        {
            var findings = RunPreflight.Evaluate(Healthy());

            Assert.All(findings.Where(f => f.Check <= PreflightCheck.ImageNotLocal), f => Assert.Equal(PreflightOutcome.Passed, f.Outcome));
            Assert.Equal(7, findings.Count);
        }

        [Fact]
        public void Soci_missing_from_snapshotters_fails_with_the_edit_and_restart()
        {
            var facts = Healthy();
            facts.Config = Gathered<ConfiguredSnapshotters>.Of(new ConfiguredSnapshotters("/Users/me/.finch/finch.yaml", new[] { "overlayfs" }));
            facts.VmStart = Gathered<VmStartSnapshotters>.Of(StartedWith(soci: false));

            var finding = Finding(facts, PreflightCheck.SnapshotterConfigured);

            Assert.Equal(PreflightOutcome.Failed, finding.Outcome);
            Assert.Contains("soci is not in 'snapshotters' (overlayfs) in /Users/me/.finch/finch.yaml", finding.Message);
            Assert.Contains("Stop-FinchVM; Start-FinchVM", finding.Fix);
        }

        [Fact]
        public void Soci_taken_out_of_snapshotters_after_a_start_with_it_does_not_fail_the_run()
        {
            // The running VM has soci, and finch uninstalls nothing when the list loses it; the run names the snapshotter.
            var facts = Healthy();
            facts.Config = Gathered<ConfiguredSnapshotters>.Of(new ConfiguredSnapshotters("/Users/me/.finch/finch.yaml", new[] { "overlayfs" }));

            var finding = Finding(facts, PreflightCheck.SnapshotterConfigured);

            Assert.Equal(PreflightOutcome.Passed, finding.Outcome);
            Assert.Contains("but the running VM was started with it", finding.Message);
            Assert.Equal(PreflightOutcome.Passed, Finding(facts, PreflightCheck.VmStartedWithSoci).Outcome);
        }

        [Fact]
        public void Soci_added_after_the_vm_started_asks_for_a_restart()
        {
            var facts = Healthy();
            facts.VmStart = Gathered<VmStartSnapshotters>.Of(StartedWith(soci: false));

            var finding = Finding(facts, PreflightCheck.VmStartedWithSoci);

            Assert.Equal(PreflightOutcome.Failed, finding.Outcome);
            Assert.Contains("soci is in /Users/me/.finch/finch.yaml but the running VM was started without it", finding.Message);
            Assert.Equal(RunPreflight.RestartVm, finding.Fix);
            Assert.Equal(PreflightOutcome.Passed, Finding(facts, PreflightCheck.SnapshotterConfigured).Outcome);
        }

        [Fact]
        public void A_stopped_vm_fails_and_its_start_settings_are_not_judged()
        {
            var facts = Healthy();
            facts.VmState = Gathered<FinchVmState?>.Of(FinchVmState.Stopped);
            facts.VmStart = Gathered<VmStartSnapshotters>.Of(StartedWith(soci: false));

            Assert.Equal(PreflightOutcome.Failed, Finding(facts, PreflightCheck.VmRunning).Outcome);
            Assert.Equal("Start it first: Start-FinchVM.", Finding(facts, PreflightCheck.VmRunning).Fix);
            Assert.Equal(PreflightOutcome.NotChecked, Finding(facts, PreflightCheck.VmStartedWithSoci).Outcome);
        }

        [Fact]
        public void Linux_native_has_no_vm_or_snapshotters_to_check()
        {
            var facts = Healthy(FinchHostKind.LinuxNative);

            Assert.Equal(PreflightOutcome.NotChecked, Finding(facts, PreflightCheck.SnapshotterConfigured).Outcome);
            Assert.Equal(PreflightOutcome.NotChecked, Finding(facts, PreflightCheck.VmStartedWithSoci).Outcome);
            Assert.Equal("Finch on Linux has no VM.", Finding(facts, PreflightCheck.VmRunning).Message);
        }

        [Fact]
        public void An_image_already_present_fails_with_the_removal_command()
        {
            var facts = Healthy();
            facts.LocalImages = Gathered<IReadOnlyList<LocalImage>>.Of(LocalImageList.Parse(
                LocalImageListTests.Row("127.0.0.1:5000/app", "1.0", "127.0.0.1:5000/app:1.0", FinchOutputText.Sha('b'))));

            var finding = Finding(facts, PreflightCheck.ImageNotLocal);

            Assert.Equal(PreflightOutcome.Failed, finding.Outcome);
            Assert.Contains("127.0.0.1:5000/app:1.0 is already present locally (linux/amd64)", finding.Message);
            Assert.Equal("Remove the local copy first: finch image rm 127.0.0.1:5000/app:1.0.", finding.Fix);
        }

        [Fact]
        public void Facts_that_could_not_be_gathered_are_not_checked_with_the_reason()
        {
            var facts = new PreflightFacts(FinchHostKind.Windows, Image)
            {
                RegistryIndexes = Gathered<IReadOnlyList<PlatformSociIndexes>>.Unavailable("connection refused"),
            };

            var findings = RunPreflight.Evaluate(facts);

            Assert.All(findings, f => Assert.Equal(PreflightOutcome.NotChecked, f.Outcome));
            Assert.Contains("connection refused", findings.Single(f => f.Check == PreflightCheck.SociIndexFound).Message);
        }

        [Fact]
        public void Without_an_index_an_image_of_small_layers_fails_the_layer_check()
        {
            var manifest = new Manifest
            {
                Layers = new List<Descriptor>
                {
                    new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Parse(FinchOutputText.Sha('1')), Size = 2 << 20 },
                    new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Parse(FinchOutputText.Sha('2')), Size = 9 << 20 },
                },
            };
            var platform = new PlatformManifest(new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Parse(FinchOutputText.Sha('3')), Size = 500 },
                manifest, new Platform { Os = "linux", Architecture = "amd64" });
            var facts = Healthy();
            facts.RegistryIndexes = Gathered<IReadOnlyList<PlatformSociIndexes>>.Of(new[] { new PlatformSociIndexes(platform, new DiscoveredSociIndex[0], null) });

            var layers = Finding(facts, PreflightCheck.LayersIndexed);

            Assert.Equal(PreflightOutcome.Failed, layers.Outcome);
            Assert.Contains("Every layer of image manifest", layers.Message);
            Assert.Contains("-MinLayerSize 0", layers.Fix);
            Assert.Equal(PreflightOutcome.Failed, Finding(facts, PreflightCheck.SociIndexFound).Outcome);
            Assert.Equal(PreflightOutcome.NotChecked, Finding(facts, PreflightCheck.SociIndexV2).Outcome);
        }
    }
}
