using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.Locating;

namespace SociTools.Commands
{
    /// <summary>Get-SociIndex: every SOCI index of an image in a registry or an OCI layout, with its zTOCs.</summary>
    [Cmdlet(VerbsCommon.Get, "SociIndex", DefaultParameterSetName = ImageSet)]
    [OutputType(typeof(SociIndex))]
    public sealed class GetSociIndexCommand : SociCmdlet
    {
        private const string ImageSet = "Image";
        private const string PathSet = "Path";

        /// <summary>A registry reference to the image.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ImageSet)]
        [Alias("Reference")]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>An OCI image layout.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("LayoutPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Platforms to look at, as os/arch[/variant].</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string[]? Platform { get; set; }

        /// <summary>Looks at every platform.</summary>
        [Parameter]
        public SwitchParameter AllPlatforms { get; set; }

        /// <summary>The registry user and password or token.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        [RegistryCredentialTransformation]
        public PSCredential? Credential { get; set; }

        /// <summary>Plain HTTP for a registry that is not on a loopback address.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        public SwitchParameter Insecure { get; set; }

        /// <summary>Seconds the registry may stay silent (no answer, no byte of a download) and a token request may take; default 60.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = RegistryClientOptions.DefaultTimeoutSeconds;

        private Core.Oci.Platforms.PlatformSelection _selection = null!;

        protected override void CheckArguments() =>
            _selection = Run(_ => Task.FromResult(PlatformArguments.ToSelection(Platform, AllPlatforms)), Platform);

        protected override void ProcessItem()
        {
            if (ParameterSetName == PathSet)
            {
                var layout = OpenLayout(Path);
                WriteVerbose(DecisionMessages.SourceOpened(Core.Oci.ImageSourceKind.Layout, Path, layout.Directory));
                var platforms = Run(token => LayoutPlatformSociIndexes.ListAsync(layout, _selection, token), Path);
                Emit(platforms, layout, _ => layout.Directory, layout.Directory, null, layout.Directory);
                return;
            }
            var reference = Run(_ => Task.FromResult(RegistryConnection.ParseReference(Image)), Image);
            using var client = Run(_ => Task.FromResult(RegistryConnection.Create(Credential, Insecure, reference, TimeoutSec, RegistryRequestLog())), Image);
            var found = Run(token => RegistrySociIndexes.ListAsync(client, reference, _selection, token), Image);
            var repository = new RegistryRepository(client, reference);
            Emit(found, repository, index => repository.Repository.WithDigest(index.Descriptor.Digest).ToString(), reference.ToString(), reference.ToString(), null);
        }

        private void Emit(IReadOnlyList<PlatformSociIndexes> platforms, IContentReader store, System.Func<DiscoveredSociIndex, string> locationOf, string imageLocation,
            string? image, string? layoutPath)
        {
            foreach (var platform in platforms)
            {
                WriteVerbose($"Platform {platform.Manifest.Platform?.ToString() ?? "(none)"} (manifest {platform.Manifest.Descriptor.Digest}) chosen by {Describe(_selection)}: " +
                    $"{platform.Indexes.Count} SOCI index(es) found.");
                foreach (var warning in LazyLoadingWarnings.For(platform, imageLocation)) WriteWarning(warning);
                foreach (var index in platform.Indexes)
                {
                    WriteVerbose($"Found {index.Index.Version} SOCI index {index.Descriptor.Digest} by the {DiscoveredIndexOutput.FoundBy(index.FoundBy)}.");
                    var ztocs = Run(token => ZtocLookup.ReadAsync(store, new[] { index.Found }, null, null, token), index.Descriptor.Digest.ToString());
                    WriteObject(DiscoveredIndexOutput.Index(index, ztocs, locationOf(index), image, layoutPath));
                }
            }
        }

        private static string Describe(Core.Oci.Platforms.PlatformSelection selection) =>
            selection.IsAll ? "-AllPlatforms" : selection.IsDefault ? "default (this host's platform, or the image's only one)" : "-Platform";
    }
}
