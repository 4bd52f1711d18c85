using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Get-SociZtoc: the zTOCs of the SOCI indexes in a layout, with their files and spans.</summary>
    [Cmdlet(VerbsCommon.Get, "SociZtoc")]
    [OutputType(typeof(SociZtocInfo))]
    public sealed class GetSociZtocCommand : SociCmdlet
    {
        /// <summary>The OCI layout.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("LayoutPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>One zTOC's digest.</summary>
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

        protected override void ProcessRecord()
        {
            var ztocDigest = Digest == null ? (Digest?)null : Run(_ => Task.FromResult(Core.Oci.Digest.Parse(Digest)), Digest);
            var layerDigest = LayerDigest == null ? (Digest?)null : Run(_ => Task.FromResult(Core.Oci.Digest.Parse(LayerDigest)), LayerDigest);
            var layout = OpenLayout(Path);
            var ztocs = Run(async token =>
                await ZtocLookup.ReadAsync(layout, await LayoutSociIndexes.ListAsync(layout, token).ConfigureAwait(false), ztocDigest, layerDigest, token)
                    .ConfigureAwait(false),
                Path);
            if (ztocs.Count == 0 && (ztocDigest != null || layerDigest != null))
            {
                var what = ztocDigest != null ? $"zTOC {ztocDigest}" : $"a zTOC for layer {layerDigest}";
                WriteError(new ErrorRecord(new ItemNotFoundException($"No SOCI index in '{Path}' lists {what}."), "ZtocNotFound", ErrorCategory.ObjectNotFound, Digest ?? LayerDigest));
            }
            foreach (var located in ztocs)
            {
                WriteObject(ZtocOutput.Info(located));
            }
        }
    }
}
