using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.Locating;

namespace SociTools.Commands
{
    /// <summary>Get-SociZtoc: the zTOCs of the SOCI indexes in a layout, with their files and spans.</summary>
    [Cmdlet(VerbsCommon.Get, "SociZtoc")]
    [OutputType(typeof(SociZtocInfo))]
    public sealed class GetSociZtocCommand : SociCmdlet
    {
        /// <summary>The OCI layout.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("LayoutPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>One zTOC's digest, or a SOCI index's digest for all of its zTOCs (what Get-SociIndex pipes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ZtocDigest")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ZtocDigestCompleter))]
        public string? Digest { get; set; }

        /// <summary>A layer's digest.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LayerDigestCompleter))]
        public string? LayerDigest { get; set; }

        protected override void ProcessItem()
        {
            var digest = Digest == null ? (Digest?)null : Run(_ => Task.FromResult(Core.Oci.Digest.Parse(Digest)), Digest);
            var layerDigest = LayerDigest == null ? (Digest?)null : Run(_ => Task.FromResult(Core.Oci.Digest.Parse(LayerDigest)), LayerDigest);
            var layout = OpenLayout(Path);
            WriteVerbose(DecisionMessages.SourceOpened(ImageSourceKind.Layout, Path, layout.Directory));
            var indexes = Run(token => LayoutSociIndexes.ListAsync(layout, token), Path);
            WriteVerbose($"{layout.Directory} lists {indexes.Count} SOCI index(es): {string.Join(", ", indexes.Select(i => i.Descriptor.Digest))}.");
            var ofIndex = digest == null ? null : indexes.Where(i => i.Descriptor.Digest == digest.Value).ToList();
            if (ofIndex != null && ofIndex.Count > 0)
            {
                WriteVerbose($"{digest} is a SOCI index: reading its zTOCs.");
            }
            var ztocDigest = ofIndex != null && ofIndex.Count > 0 ? null : digest;
            var ztocs = Run(token => ZtocLookup.ReadAsync(layout, ofIndex != null && ofIndex.Count > 0 ? ofIndex : indexes, ztocDigest, layerDigest, token), Path);
            if (ztocs.Count == 0 && (digest != null || layerDigest != null))
            {
                var what = digest != null ? $"zTOC {digest}" : $"a zTOC for layer {layerDigest}";
                ReportError(new ItemNotFoundException($"No SOCI index in '{Path}' lists {what}."), "ZtocNotFound", ErrorCategory.ObjectNotFound, Digest ?? LayerDigest);
            }
            foreach (var located in ztocs)
            {
                WriteVerbose($"Read zTOC {located.Reference.Ztoc.Digest} ({located.Reference.Ztoc.Size} bytes) for layer {located.Reference.LayerDigest} from index {located.Index.Descriptor.Digest}.");
                WriteObject(ZtocOutput.Info(located, layout.Directory));
            }
        }
    }
}
