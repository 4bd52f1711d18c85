using System.IO;
using System.Linq;
using System.Management.Automation;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc.Extraction;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.Locating;

namespace SociTools.Commands
{
    /// <summary>Export-SociFile: extracts one file from a layer in a layout through its zTOC.</summary>
    [Cmdlet(VerbsData.Export, "SociFile", SupportsShouldProcess = true)]
    [OutputType(typeof(SociFileExport))]
    public sealed class ExportSociFileCommand : FileExportCmdlet
    {
        /// <summary>The OCI layout holding the layer and its zTOC.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("LayoutPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The layer's digest.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LayerDigestCompleter))]
        public string LayerDigest { get; set; } = "";

        /// <summary>The file's path in the layer.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ZtocFileNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessItem()
        {
            var layer = Run(_ => System.Threading.Tasks.Task.FromResult(Digest.Parse(LayerDigest)), LayerDigest);
            var layout = OpenLayout(Path);
            WriteVerbose(DecisionMessages.SourceOpened(ImageSourceKind.Layout, Path, layout.Directory));
            var ztocs = Run(async token =>
                await ZtocLookup.ReadAsync(layout, await LayoutSociIndexes.ListAsync(layout, token).ConfigureAwait(false), null, layer, token).ConfigureAwait(false),
                Path);
            var located = ztocs.FirstOrDefault();
            if (located == null)
            {
                Fail(new ZtocFileNotFoundException($"No SOCI index in '{Path}' has a zTOC for layer {layer}; build one with New-SociIndex (layers under -MinLayerSize get none)."),
                    "ZtocNotFound", ErrorCategory.ObjectNotFound, LayerDigest);
            }
            WriteVerbose($"Layer {layer} has zTOC {located!.Reference.Ztoc.Digest} in SOCI index {located.Index.Descriptor.Digest}.");
            var file = Run(_ => System.Threading.Tasks.Task.FromResult(ZtocFileLookup.FindRegularFile(located!.Ztoc, Name, "layer " + layer)), Name);
            var destination = DestinationFor(file.Name.ToString());
            if (!ShouldProcess(destination, $"Extract '{file.Name}' ({file.UncompressedSize} bytes) from layer {layer}"))
            {
                return;
            }
            RefuseToOverwrite(destination);
            var blobPath = layout.BlobPath(layer);
            var extractor = new ZtocFileExtractor(located!.Ztoc, "layer " + layer, (offset, length, _) =>
                System.Threading.Tasks.Task.FromResult(BlobRangeStream.OpenFile(blobPath, offset, length)));
            var extracted = WriteFile(destination, Name, file.UncompressedSize, (output, t) => extractor.ExtractAsync(file, output, t));
            WriteVerbose($"Wrote '{file.Name}' ({file.UncompressedSize} bytes) to {destination}: read {extracted.CompressedBytesRead} compressed bytes of {blobPath} in {extracted.SpansRead} span(s).");
            WriteObject(new SociFileExport
            {
                Name = file.Name.ToString(),
                Destination = destination,
                Size = file.UncompressedSize,
                LayerDigest = layer.ToString(),
                LayerSize = new FileInfo(blobPath).Length,
                CompressedBytesRead = extracted.CompressedBytesRead,
                SpansRead = extracted.SpansRead,
            });
        }
    }
}
