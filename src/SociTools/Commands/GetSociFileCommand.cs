using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Locating;

namespace SociTools.Commands
{
    /// <summary>Get-SociFile: reads one file of an image in a registry through its SOCI index, by range requests.</summary>
    [Cmdlet(VerbsCommon.Get, "SociFile", SupportsShouldProcess = true)]
    [OutputType(typeof(SociFileExport))]
    public sealed class GetSociFileCommand : FileExportCmdlet
    {
        /// <summary>A registry reference to an image that has a SOCI index.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>The file's path in the image.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The platform to read from a multi-platform image, as os/arch[/variant].</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string? Platform { get; set; }

        /// <summary>The registry user and password or token.</summary>
        [Parameter]
        [RegistryCredentialTransformation]
        public PSCredential? Credential { get; set; }

        /// <summary>Plain HTTP for a registry that is not on a loopback address.</summary>
        [Parameter]
        public SwitchParameter Insecure { get; set; }

        /// <summary>Seconds the registry may stay silent (no answer, no byte of a download) and a token request may take; default 60.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = RegistryClientOptions.DefaultTimeoutSeconds;

        private PlatformSelection _selection = null!;

        protected override void CheckArguments() =>
            _selection = Run(_ => Task.FromResult(PlatformArguments.ToSelection(Platform == null ? null : new[] { Platform }, allPlatforms: false)), Platform);

        protected override void ProcessItem()
        {
            var reference = Run(_ => Task.FromResult(RegistryConnection.ParseReference(Image)), Image);
            var selection = _selection;
            using var client = Run(_ => Task.FromResult(RegistryConnection.Create(Credential, Insecure, reference, TimeoutSec, RegistryRequestLog())), Image);
            var repository = new RegistryRepository(client, reference);
            var reader = ImageFileReader.ForRegistry(repository);
            var (index, location) = Run(async token =>
            {
                var image = await repository.ResolveAsync(reference.ManifestReference, token).ConfigureAwait(false);
                var platforms = await ImagePlatforms.SelectAsync(repository, image, selection, token).ConfigureAwait(false);
                var found = await RegistrySociIndexLookup.LocateAsync(repository, platforms[0], token).ConfigureAwait(false);
                return (found, await reader.LocateAsync(platforms[0].Manifest, found.Index, Name, token).ConfigureAwait(false));
            }, Image);
            using (location)
            {
                var destination = DestinationFor(location.Path);
                WriteVerbose($"SOCI index {index.IndexDescriptor.Digest} ({index.SnapshotterLogMessage}); '/{location.Path}' is in layer {location.LayerNumber} of {location.LayerCount} ({location.Layer.Digest}).");
                foreach (var layer in location.LayersFetchedWhole)
                {
                    WriteWarning($"Layer {layer.Digest} has no zTOC in the SOCI index, so it was fetched whole ({layer.Size} bytes) to look for '/{location.Path}'.");
                }
                if (!ShouldProcess(destination, Describe(location)))
                {
                    return;
                }
                Extract(reader, location, destination);
            }
        }

        private void Extract(ImageFileReader reader, ImageFileLocation location, string destination)
        {
            RefuseToOverwrite(destination);
            var read = WriteFile(destination, Name, location.Size, (output, t) => reader.ExtractAsync(location, output, t));
            WriteObject(new SociFileExport
            {
                Name = "/" + location.Path,
                Destination = destination,
                Size = location.Size,
                LayerDigest = location.Layer.Digest.ToString(),
                LayerSize = location.Layer.Size,
                CompressedBytesRead = read.CompressedBytesFetched,
                SpansRead = read.SpansRead,
                LayerFetchedWhole = location.WholeLayer != null,
            });
        }

        private string Describe(ImageFileLocation location)
        {
            if (location.WholeLayer != null)
            {
                return $"Read '/{location.Path}' ({location.Size} bytes) from layer {location.LayerNumber} of {location.LayerCount} ({location.Layer.Digest}) of {Image}, fetched whole: it has no zTOC";
            }
            var spans = location.SpanCount == 0
                ? "no spans (the file is empty)"
                : location.SpanCount == 1 ? $"span {location.FirstSpan}" : $"spans {location.FirstSpan}..{location.FirstSpan + location.SpanCount - 1}";
            return $"Read '/{location.Path}' ({location.Size} bytes) from layer {location.LayerNumber} of {location.LayerCount} ({location.Layer.Digest}) of {Image}: {spans} by range requests";
        }
    }
}
