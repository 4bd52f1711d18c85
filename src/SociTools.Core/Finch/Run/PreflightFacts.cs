using System.Collections.Generic;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Vm;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools.Core.Finch.Run
{
    /// <summary>finch.yaml's <c>snapshotters</c> and the file they were read from.</summary>
    public sealed class ConfiguredSnapshotters
    {
        public ConfiguredSnapshotters(string path, IReadOnlyList<string> snapshotters)
        {
            Path = path;
            Snapshotters = snapshotters;
        }

        public string Path { get; }

        public IReadOnlyList<string> Snapshotters { get; }
    }

    /// <summary>Everything the preflight looks at, gathered beforehand so the checks themselves are plain logic.</summary>
    public sealed class PreflightFacts
    {
        public PreflightFacts(FinchHostKind host, Reference image)
        {
            Host = host;
            Image = image;
        }

        public FinchHostKind Host { get; }

        /// <summary>The image as nerdctl normalizes it (short names under docker.io/library).</summary>
        public Reference Image { get; }

        public Gathered<ConfiguredSnapshotters> Config { get; set; } = Gathered<ConfiguredSnapshotters>.Unavailable("finch.yaml was not read");

        /// <summary>The snapshotters the VM was last started with (override.yaml).</summary>
        public Gathered<VmStartSnapshotters> VmStart { get; set; } = Gathered<VmStartSnapshotters>.Unavailable("Finch's Lima override file was not read");

        public Gathered<FinchVmState?> VmState { get; set; } = Gathered<FinchVmState?>.Unavailable("the VM state was not asked");

        /// <summary>Every local image (finch image ls); the checks pick the ones that are <see cref="Image"/>.</summary>
        public Gathered<IReadOnlyList<LocalImage>> LocalImages { get; set; } = Gathered<IReadOnlyList<LocalImage>>.Unavailable("local images were not listed");

        /// <summary>The SOCI indexes the registry holds for the platforms finch would pull.</summary>
        public Gathered<IReadOnlyList<PlatformSociIndexes>> RegistryIndexes { get; set; } = Gathered<IReadOnlyList<PlatformSociIndexes>>.Unavailable("the registry was not asked");

        /// <summary>The minimum layer size an index would be built with; layers under it get no zTOC.</summary>
        public long MinLayerSize { get; set; } = SociIndexFormat.DefaultMinLayerSize;
    }
}
