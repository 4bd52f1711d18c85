using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Run;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Finch
{
    public class RunPreflightGathererTests
    {
        private static readonly Reference Image = Reference.Parse("127.0.0.1:1/app:1.0");

        private static string Config(SociRunDouble finch, string yaml)
        {
            var path = Path.Combine(finch.Finch.Root, "finch.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }

        [Fact]
        public async Task A_running_vm_is_asked_for_its_state_and_images_with_finchs_commands()
        {
            using var finch = new SociRunDouble();
            finch.Images(LocalImageListTests.Row("127.0.0.1:1/app", "1.0", "127.0.0.1:1/app:1.0", FinchOutputText.Sha('4')));
            var gatherer = new RunPreflightGatherer(finch.Cli(), Config(finch, "snapshotters: [overlayfs, soci]\n"));

            var facts = await gatherer.GatherAsync(Image, null, PlatformSelection.Default, CancellationToken.None);

            Assert.Equal(new[] { "vm status", "image ls --format json" }, finch.Finch.CallLines);
            Assert.Equal(new[] { "overlayfs", "soci" }, facts.Config.Value!.Snapshotters);
            Assert.Equal(FinchVmState.Running, facts.VmState.Value);
            Assert.True(facts.VmStart.Value!.SociProvisioned);
            Assert.Single(facts.LocalImages.Value!);
            Assert.Equal("no registry client was given", facts.RegistryIndexes.UnavailableReason);
        }

        [Fact]
        public async Task A_stopped_vm_is_not_started_by_listing_images()
        {
            using var finch = new SociRunDouble();
            finch.Finch.SetVmState(FinchVmState.Stopped);
            var gatherer = new RunPreflightGatherer(finch.Cli(), Config(finch, "snapshotters: [soci]\n"));

            var facts = await gatherer.GatherAsync(Image, null, PlatformSelection.Default, CancellationToken.None);

            Assert.Equal(new[] { "vm status" }, finch.Finch.CallLines);
            Assert.Equal("the VM is not running, and listing images would start it", facts.LocalImages.UnavailableReason);
            Assert.Equal(PreflightOutcome.Failed, RunPreflight.Evaluate(facts).Single(f => f.Check == PreflightCheck.VmRunning).Outcome);
        }

        [Fact]
        public async Task Linux_native_lists_images_without_asking_about_a_vm()
        {
            using var finch = new SociRunDouble();
            var gatherer = new RunPreflightGatherer(finch.Cli(FinchHostKind.LinuxNative), null);

            var facts = await gatherer.GatherAsync(Image, null, PlatformSelection.Default, CancellationToken.None);

            Assert.Equal(new[] { "image ls --format json" }, finch.Finch.CallLines);
            Assert.Empty(facts.LocalImages.Value!);
        }

        [Fact]
        public async Task Unreadable_facts_become_reasons_not_errors()
        {
            using var finch = new SociRunDouble();
            File.Delete(Core.Finch.Vm.VmStartSnapshotters.PathUnder(finch.Finch.Root));
            finch.Finch.AddCommand("image", "finch_fatal 'namespace \"finch\" not found'");
            var gatherer = new RunPreflightGatherer(finch.Cli(), Config(finch, "snapshotters: [soci\n"));

            using var unreachable = new RegistryClient(new RegistryClientOptions { Retry = new RetryPolicy { MaxAttempts = 1 } });

            var facts = await gatherer.GatherAsync(Image, unreachable, PlatformSelection.Default, CancellationToken.None);

            Assert.False(facts.Config.IsAvailable);
            Assert.Contains("finch.yaml", facts.Config.UnavailableReason);
            Assert.Contains("does not exist, so the VM has not been started by the Finch installed at " + finch.Finch.Root, facts.VmStart.UnavailableReason);
            Assert.Contains("namespace \"finch\" not found", facts.LocalImages.UnavailableReason);
            Assert.False(facts.RegistryIndexes.IsAvailable);
            Assert.All(RunPreflight.Evaluate(facts).Where(f => f.Check != PreflightCheck.VmRunning), f => Assert.Equal(PreflightOutcome.NotChecked, f.Outcome));
        }
    }
}
