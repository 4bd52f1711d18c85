using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using System.Collections.Generic;
using SociTools.Core.Soci;
using SociTools.Hosting;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Commands
{
    /// <summary>New-SociIndex: builds zTOCs and a SOCI index for an image in a layout, an archive or a registry.</summary>
    [Cmdlet(VerbsCommon.New, "SociIndex", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SociLayer), typeof(SociZtoc), typeof(SociIndex))]
    public sealed class NewSociIndexCommand : IndexingCmdlet
    {
        private const string PathSet = "Path";
        private const string ImageSet = "Image";

        /// <summary>An OCI layout directory, an OCI archive or a docker-archive.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "LayoutPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A registry reference to index in place.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImageSet)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>Push the index beside the image in the registry.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        public SwitchParameter Push { get; set; }

        /// <summary>Registry credential.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        [RegistryCredentialTransformation]
        public PSCredential? Credential { get; set; }

        /// <summary>Plain HTTP for a non-loopback registry.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        public SwitchParameter Insecure { get; set; }

        /// <summary>Seconds the registry may stay silent (no answer, no byte of a download) and a token request may take; default 60.</summary>
        [Parameter(ParameterSetName = ImageSet)]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = RegistryClientOptions.DefaultTimeoutSeconds;

        /// <summary>The layout to write when the input is an archive.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>How many layers are indexed at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = Math.Max(1, Environment.ProcessorCount);

        private PlatformSelection _selection = null!;

        protected override void CheckArguments()
        {
            // Image is never bound from the pipeline, so the parameter set is already known for it here.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Image)) && !Push && OutputPath == null)
            {
                Fail(new ArgumentException("Say where the index goes: -Push to push it beside the image, or -OutputPath to write it to an OCI layout."),
                    "IndexDestinationMissing", ErrorCategory.InvalidArgument, Image);
            }
            _selection = PlatformSelection();
        }

        protected override void ProcessItem()
        {
            if (ParameterSetName == ImageSet)
            {
                IndexRegistryImage();
                return;
            }
            var path = FileSystemPath(Path);
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                Fail(new ItemNotFoundException($"Cannot find '{Path}': give an OCI image layout folder or an image archive (.tar)."),
                    "PathNotFound", ErrorCategory.ObjectNotFound, Path);
            }
            var selection = _selection;
            var output = OutputPath == null ? null : FileSystemPath(OutputPath);
            var isArchive = File.Exists(path);
            if (isArchive && output == null)
            {
                Fail(new ArgumentException($"'{Path}' is an image archive: give -OutputPath, the folder to write its OCI layout (and the index) to."),
                    "OutputPathRequired", ErrorCategory.InvalidArgument, Path);
            }
            if (isArchive && !ShouldProcess(output!, $"Extract the image archive '{Path}' into an OCI layout and build its {IndexVersion} SOCI index"))
            {
                return;
            }
            var createdOutput = isArchive && !Directory.Exists(output);
            try
            {
                var source = Run(token => ImageSourceOpener.OpenAsync(path, output, token), Path);
                var layout = source.Layout;
                WriteVerbose(DecisionMessages.SourceOpened(source.Kind, Path, layout.Directory));
                var image = Run(token => layout.ResolveImageAsync(null, token), Path);
                WriteVerbose(DecisionMessages.ImageResolved(image, layout.Directory));
                var platforms = Run(token => ImagePlatforms.SelectAsync(layout, image, selection, token), Path);
                WriteVerbose(DecisionMessages.PlatformsChosen(selection, platforms));
                var options = BuildOptions();
                if (!isArchive && !ShouldProcess(layout.Directory, Describe(platforms, options)))
                {
                    return;
                }
                Build(layout, image, platforms, options);
            }
            catch when (createdOutput && Directory.Exists(output))
            {
                // The layout was unpacked for this call only; a failed call leaves nothing behind.
                Directory.Delete(output!, recursive: true);
                throw;
            }
        }

        private void IndexRegistryImage()
        {
            var reference = Run(_ => Task.FromResult(Reference.Parse(Image)), Image);
            var selection = _selection;
            var output = OutputPath == null ? null : FileSystemPath(OutputPath);
            var options = BuildOptions();
            using var client = Run(_ => Task.FromResult(RegistryConnection.Create(Credential, Insecure, reference, TimeoutSec, RegistryRequestLog())), Image);
            var repository = new RegistryRepository(client, reference);
            var image = Run(token => repository.ResolveAsync(reference.ManifestReference, token), Image);
            WriteVerbose(DecisionMessages.ImageResolved(image, reference.ToString()));
            var platforms = Run(token => ImagePlatforms.SelectAsync(repository, image, selection, token), Image);
            WriteVerbose(DecisionMessages.PlatformsChosen(selection, platforms));
            var where = Push ? reference.ToString() : output!;
            if (!ShouldProcess(where, Describe(platforms, options)))
            {
                return;
            }
            var progress = new LayerProgress(this, $"Building the SOCI index of {reference}", platforms.SelectMany(p => p.Manifest.Layers).Select(l => l.Digest).Distinct().Count());
            try
            {
                var published = Run(async token =>
                {
                    var built = await new SociImageIndexer(options, repository).IndexAsync(
                        platforms,
                        PipelineProgress<LayerBytesRead>(read => progress.Bytes(read.Layer, read.BytesRead)),
                        LayerDone(progress),
                        token).ConfigureAwait(false);
                    IReadOnlyList<PublishedSociIndex> result = Array.Empty<PublishedSociIndex>();
                    if (output != null)
                    {
                        var layout = OciLayout.IsLayout(output) ? OciLayout.Open(output) : OciLayout.Create(output);
                        result = await LayoutIndexOnlyPublisher.PublishAsync(layout, built, options.IndexVersion, BlobsStored(output), token).ConfigureAwait(false);
                    }
                    if (Push)
                    {
                        result = await RegistrySociPublisher.PublishAsync(repository, reference.Digest == null ? reference.Tag ?? "latest" : null,
                            image, built, options.IndexVersion, BlobsStored(reference.ToString()), token).ConfigureAwait(false);
                    }
                    return result;
                }, Image);
                foreach (var index in published)
                {
                    foreach (var item in SociOutput.All(index, where, Push ? null : output)) WriteObject(item);
                }
            }
            finally
            {
                progress.Complete();
            }
        }

        protected override int Parallelism => ThrottleLimit;

        private void Build(OciLayout layout, Descriptor image, System.Collections.Generic.IReadOnlyList<PlatformManifest> platforms, SociIndexBuildOptions options)
        {
            var layerCount = platforms.SelectMany(p => p.Manifest.Layers).Select(l => l.Digest).Distinct().Count();
            var progress = new LayerProgress(this, $"Building the SOCI index of {layout.Directory}", layerCount);
            try
            {
                var published = Run(async token =>
                {
                    var indexer = new SociImageIndexer(options, layout);
                    var built = await indexer.IndexAsync(
                        platforms,
                        PipelineProgress<LayerBytesRead>(read => progress.Bytes(read.Layer, read.BytesRead)),
                        LayerDone(progress),
                        token).ConfigureAwait(false);
                    return await LayoutSociPublisher.PublishAsync(layout, image, built, options.IndexVersion, BlobsStored(layout.Directory), token).ConfigureAwait(false);
                }, Path);
                foreach (var index in published)
                {
                    foreach (var item in SociOutput.All(index, layout.Directory, layout.Directory)) WriteObject(item);
                }
            }
            finally
            {
                progress.Complete();
            }
        }

        private IProgress<SociLayerResult> LayerDone(LayerProgress progress) => PipelineProgress<SociLayerResult>(done =>
        {
            progress.LayerDone(done.Layer);
            WriteVerbose(DecisionMessages.LayerDone(done));
        });

        private IProgress<Core.Oci.Content.CopiedContent> BlobsStored(string where) =>
            PipelineProgress<Core.Oci.Content.CopiedContent>(blob => WriteVerbose(DecisionMessages.BlobStored(blob, where)));

        private static string Describe(System.Collections.Generic.IReadOnlyList<PlatformManifest> platforms, SociIndexBuildOptions options)
        {
            var layers = platforms.SelectMany(p => p.Manifest.Layers).ToList();
            var indexable = layers.Count(l => SociLayerPolicy.SkipReason(l, options.MinLayerSize) == null);
            var names = string.Join(", ", platforms.Select(p => p.Platform?.ToString() ?? p.Descriptor.Digest.ToString()));
            return $"Build a {options.IndexVersion} SOCI index for {names}: {indexable} of {layers.Count} layers to index";
        }
    }
}
