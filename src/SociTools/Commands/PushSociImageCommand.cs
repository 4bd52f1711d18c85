using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Commands
{
    /// <summary>Push-SociImage: pushes an image with its SOCI index to a registry.</summary>
    [Cmdlet(VerbsCommon.Push, "SociImage", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SociPushedBlob), typeof(SociPushResult))]
    public sealed class PushSociImageCommand : IndexingCmdlet
    {
        private const string PathSet = "Path";
        private const string ImageSet = "Image";

        /// <summary>An OCI layout, OCI archive or docker-archive.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "LayoutPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A local Finch image, exported with finch save.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImageSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LocalImageCompleter))]
        public string Image { get; set; } = "";

        /// <summary>Where to push: registry/repository:tag.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        /// <summary>Registry credential.</summary>
        [Parameter]
        [RegistryCredentialTransformation]
        public PSCredential? Credential { get; set; }

        /// <summary>Plain HTTP for a non-loopback registry.</summary>
        [Parameter]
        public SwitchParameter Insecure { get; set; }

        /// <summary>Seconds the registry may stay silent (no answer, no byte of a download) and a token request may take; default 60.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = RegistryClientOptions.DefaultTimeoutSeconds;

        private Reference _destination = null!;
        private Core.Oci.Platforms.PlatformSelection _selection = null!;

        // New-SociIndex emits a layer, zTOC and index object per index, each naming the layout: it is pushed once.
        private readonly HashSet<string> _pushedPaths = new HashSet<string>(StringComparer.Ordinal);

        protected override void CheckArguments()
        {
            _destination = Run(_ => Task.FromResult(Reference.Parse(Destination)), Destination);
            if (_destination.Digest != null && _destination.Tag == null)
            {
                Fail(new ArgumentException($"'{Destination}' names a digest; push to a tag, such as {_destination.Registry}/{_destination.Repository}:latest."),
                    "DestinationNeedsTag", ErrorCategory.InvalidArgument, Destination);
            }
            _selection = PlatformSelection();
        }

        protected override void ProcessItem()
        {
            var destination = _destination;
            var tag = destination.Tag ?? "latest";
            var selection = _selection;
            if (ParameterSetName == PathSet && !_pushedPaths.Add(FileSystemPath(Path)))
            {
                WriteVerbose($"{FileSystemPath(Path)} was already pushed by this call; this pipeline object names it again and is skipped.");
                return;
            }
            if (ParameterSetName == PathSet && !System.IO.File.Exists(FileSystemPath(Path)) && !System.IO.Directory.Exists(FileSystemPath(Path)))
            {
                Fail(new ItemNotFoundException($"Cannot find '{Path}': give an OCI image layout folder or an image archive (.tar)."),
                    "PathNotFound", ErrorCategory.ObjectNotFound, Path);
            }
            var what = ParameterSetName == ImageSet ? $"Finch image {Image}" : Path;
            if (!ShouldProcess($"{destination.Registry}/{destination.Repository}:{tag}", $"Push {what} with a {IndexVersion} SOCI index"))
            {
                return;
            }

            using var opened = Run(token => ParameterSetName == ImageSet
                ? LocalImageOpener.OpenFinchImageAsync(Image, new FinchImageExporter(FinchExecutable.Locate()), token)
                : LocalImageOpener.OpenPathAsync(FileSystemPath(Path), token), ParameterSetName == ImageSet ? Image : Path);
            var layout = opened.Layout;
            WriteVerbose(ParameterSetName == ImageSet ? $"Exported Finch image {Image} with finch save into {layout.Directory}." : $"Opened '{Path}' as the OCI layout {layout.Directory}.");
            var image = Run(token => layout.ResolveImageAsync(null, token), what);
            WriteVerbose(DecisionMessages.ImageResolved(image, what));
            var platforms = Run(token => ImagePlatforms.SelectAsync(layout, image, selection, token), what);
            WriteVerbose(DecisionMessages.PlatformsChosen(selection, platforms));
            Push(layout, image, platforms, destination, tag);
        }

        private void Push(Core.Oci.Layout.OciLayout layout, Descriptor image, IReadOnlyList<PlatformManifest> platforms, Reference destination, string tag)
        {
            var target = $"{destination.Registry}/{destination.Repository}:{tag}";
            var layers = platforms.SelectMany(p => p.Manifest.Layers).GroupBy(l => l.Digest).Select(g => g.First()).ToList();
            var indexing = new LayerProgress(this, "Building the SOCI index", layers.Count, parentId: 1);
            var uploading = new LayerProgress(this, "Pushing to " + target, layers.Count, parentId: 2);
            var layerDigests = new HashSet<Digest>(layers.Select(l => l.Digest));
            var options = BuildOptions();
            var pusher = new SociImagePusher(options)
            {
                IndexingBytes = PipelineProgress<LayerBytesRead>(read => indexing.Bytes(read.Layer, read.BytesRead)),
                LayerIndexed = PipelineProgress<SociLayerResult>(done => { indexing.LayerDone(done.Layer); WriteVerbose(DecisionMessages.LayerDone(done)); }),
                UploadBytes = PipelineProgress<(Descriptor Blob, long Bytes)>(sent => { if (layerDigests.Contains(sent.Blob.Digest)) uploading.Bytes(sent.Blob, sent.Bytes); }),
                Copied = PipelineProgress<CopiedContent>(copied =>
                {
                    WriteVerbose(copied.AlreadyPresent ? $"Skipped {copied.Descriptor.Digest}: already in {target}." : $"Pushed {copied.Descriptor.Digest} ({copied.Descriptor.Size} bytes) to {target}.");
                    var kind = copied.Descriptor.MediaType == MediaTypes.SociZtoc ? "Ztoc" : layerDigests.Contains(copied.Descriptor.Digest) ? "Layer" : null;
                    if (kind == "Layer") uploading.LayerDone(copied.Descriptor);
                    if (kind == null) return;
                    WriteObject(new SociPushedBlob
                    {
                        Digest = copied.Descriptor.Digest.ToString(),
                        MediaType = copied.Descriptor.MediaType,
                        Size = copied.Descriptor.Size,
                        Kind = kind,
                        AlreadyPresent = copied.AlreadyPresent,
                        Destination = target,
                    });
                }),
            };
            var requests = RegistryRequestLog();
            try
            {
                var result = Run(async token =>
                {
                    using var client = RegistryConnection.Create(Credential, Insecure, destination, TimeoutSec, requests);
                    var repository = new RegistryRepository(client, destination);
                    return await pusher.PushAsync(layout, image, platforms, repository, tag, token).ConfigureAwait(false);
                }, Destination);
                if (result.Built.Count == 0)
                {
                    var ignored = new[] { nameof(SpanSize), nameof(MinLayerSize), nameof(Platform), nameof(AllPlatforms) }
                        .Where(MyInvocation.BoundParameters.ContainsKey).Select(p => "-" + p).ToList();
                    if (ignored.Count > 0)
                    {
                        WriteWarning($"The image already has a {IndexVersion} SOCI index, which was pushed as it is; {string.Join(", ", ignored)} apply only when an index is built. Run New-SociIndex again to rebuild it.");
                    }
                }
                WriteObject(new SociPushResult
                {
                    Destination = target,
                    ImageDigest = result.Image.Digest.ToString(),
                    ImageMediaType = result.Image.MediaType,
                    IndexVersion = result.Version.ToString(),
                    IndexDigests = result.Indexes.Select(i => i.Digest.ToString()).ToList(),
                    IndexBuilt = result.Built.Count > 0,
                    BytesSent = result.BytesSent,
                    BlobsSent = result.Sent,
                    BlobsSkipped = result.AlreadyPresent,
                });
            }
            finally
            {
                indexing.Complete();
                uploading.Complete();
            }
        }
    }
}
