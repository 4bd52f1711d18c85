using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Vm;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools.Core.Finch.Run
{
    /// <summary>
    /// Gathers the preflight's facts: finch.yaml, the VM's start settings and state, <c>finch image ls</c>, and the
    /// registry's SOCI indexes. Whatever cannot be reached becomes a reason, never an error, so the run still happens.
    /// </summary>
    public sealed class RunPreflightGatherer
    {
        public static readonly IReadOnlyList<string> ImageListArguments = new[] { "image", "ls", "--format", "json" };

        private readonly FinchCli _finch;
        private readonly string? _configPath;

        /// <param name="configPath">finch.yaml to read; null for the one Finch reads on this kind of host.</param>
        public RunPreflightGatherer(FinchCli finch, string? configPath)
        {
            _finch = finch ?? throw new ArgumentNullException(nameof(finch));
            _configPath = configPath;
        }

        /// <param name="registry">The client to ask for SOCI indexes; null leaves the registry checks unchecked.</param>
        public async Task<PreflightFacts> GatherAsync(Reference image, RegistryClient? registry, PlatformSelection platforms, CancellationToken cancellationToken)
        {
            var facts = new PreflightFacts(_finch.Kind, image);
            if (_finch.Kind != FinchHostKind.LinuxNative)
            {
                facts.Config = await GatherAsync(ReadConfigAsync, cancellationToken).ConfigureAwait(false);
                facts.VmState = await GatherAsync<FinchVmState?>(async token => await new FinchVm(_finch).GetStateAsync(token).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);
                facts.VmStart = await GatherAsync(_ => Task.FromResult(ReadVmStart()), cancellationToken).ConfigureAwait(false);
            }
            facts.LocalImages = CanListImages(facts)
                ? await GatherAsync(ListImagesAsync, cancellationToken).ConfigureAwait(false)
                : Gathered<IReadOnlyList<LocalImage>>.Unavailable("the VM is not running, and listing images would start it");
            facts.RegistryIndexes = registry == null
                ? Gathered<IReadOnlyList<PlatformSociIndexes>>.Unavailable("no registry client was given")
                : await GatherAsync(token => RegistrySociIndexes.ListAsync(registry, image, platforms, token), cancellationToken).ConfigureAwait(false);
            return facts;
        }

        private static bool CanListImages(PreflightFacts facts) =>
            facts.Host == FinchHostKind.LinuxNative || (facts.VmState.IsAvailable && facts.VmState.Value == FinchVmState.Running);

        private async Task<ConfiguredSnapshotters> ReadConfigAsync(CancellationToken cancellationToken)
        {
            var path = FinchConfigLocation.Resolve(_configPath, _finch.Kind);
            var settings = await FinchConfigFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            return new ConfiguredSnapshotters(path, settings.Snapshotters);
        }

        private VmStartSnapshotters ReadVmStart()
        {
            var path = VmStartSnapshotters.PathUnder(_finch.InstallRoot);
            return VmStartSnapshotters.Read(path)
                ?? throw new FinchException($"{path} does not exist, so the VM has not been started by the Finch installed at {_finch.InstallRoot}");
        }

        private async Task<IReadOnlyList<LocalImage>> ListImagesAsync(CancellationToken cancellationToken)
        {
            var listed = await _finch.RunCheckedAsync(ImageListArguments, null, cancellationToken).ConfigureAwait(false);
            return LocalImageList.Parse(listed.StandardOutput);
        }

        private static async Task<Gathered<T>> GatherAsync<T>(Func<CancellationToken, Task<T>> gather, CancellationToken cancellationToken)
        {
            try
            {
                return Gathered<T>.Of(await gather(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // The preflight advises; a fact it cannot reach (registry down, finch.yaml unreadable) must not stop the run.
                return Gathered<T>.Unavailable(e.Message.TrimEnd('.'));
            }
        }
    }
}
