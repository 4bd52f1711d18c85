using System;
using System.Management.Automation;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Soci;

using SociTools.Completion;
using SociTools.Core.Soci.Building;

namespace SociTools.Hosting
{
    /// <summary>The parameters every cmdlet that may build a SOCI index takes, as soci's CLI names them.</summary>
    public abstract class IndexingCmdlet : SociCmdlet
    {
        /// <summary>V2 (default) or V1.</summary>
        [Parameter]
        public IndexVersion IndexVersion { get; set; } = IndexVersion.V2;

        /// <summary>Uncompressed bytes between checkpoints.</summary>
        [Parameter]
        [ValidateRange(1L << 16, 1L << 32)]
        public long SpanSize { get; set; } = SociIndexFormat.DefaultSpanSize;

        /// <summary>Layers smaller than this are not indexed.</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long MinLayerSize { get; set; } = SociIndexFormat.DefaultMinLayerSize;

        /// <summary>Platforms to work on, as os/arch[/variant].</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string[]? Platform { get; set; }

        /// <summary>Every platform.</summary>
        [Parameter]
        public SwitchParameter AllPlatforms { get; set; }

        /// <summary>How many layers are indexed at once.</summary>
        protected virtual int Parallelism => Math.Max(1, Environment.ProcessorCount);

        protected SociIndexBuildOptions BuildOptions() => new SociIndexBuildOptions
        {
            IndexVersion = (SociIndexVersion)IndexVersion,
            SpanSize = SpanSize,
            MinLayerSize = MinLayerSize,
            ThrottleLimit = Parallelism,
        };

        protected PlatformSelection PlatformSelection() =>
            Run(_ => System.Threading.Tasks.Task.FromResult(PlatformArguments.ToSelection(Platform, AllPlatforms)), Platform);
    }
}
