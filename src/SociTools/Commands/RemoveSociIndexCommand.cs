using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Completion;
using SociTools.Hosting;
using SociTools.Core.Soci.Locating;

namespace SociTools.Commands
{
    /// <summary>Remove-SociIndex: deletes an image's SOCI index manifests from a registry and takes them off the referrers fallback tag.</summary>
    [Cmdlet(VerbsCommon.Remove, "SociIndex", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SociIndex))]
    public sealed class RemoveSociIndexCommand : SociCmdlet
    {
        /// <summary>A registry reference to the image.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference")]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>Removes only the index with this digest.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("IndexDigest")]
        [ValidateNotNullOrEmpty]
        public string? Digest { get; set; }

        /// <summary>Platforms to look at, as os/arch[/variant].</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string[]? Platform { get; set; }

        /// <summary>Looks at every platform.</summary>
        [Parameter]
        public SwitchParameter AllPlatforms { get; set; }

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

        protected override void ProcessItem()
        {
            var selection = Run(_ => Task.FromResult(PlatformArguments.ToSelection(Platform, AllPlatforms)), Platform);
            var wanted = Digest == null ? (Core.Oci.Digest?)null : Run(_ => Task.FromResult(Core.Oci.Digest.Parse(Digest)), Digest);
            var reference = Run(_ => Task.FromResult(RegistryConnection.ParseReference(Image)), Image);
            using var client = Run(_ => Task.FromResult(RegistryConnection.Create(Credential, Insecure, reference, TimeoutSec, RegistryRequestLog())), Image);
            var platforms = Run(token => RegistrySociIndexes.ListAsync(client, reference, selection, token), Image);
            var found = platforms.SelectMany(p => p.Indexes).GroupBy(i => i.Descriptor.Digest).Select(g => g.First()).ToList();
            var targets = wanted == null ? found : found.Where(i => i.Descriptor.Digest == wanted.Value).ToList();
            if (wanted != null && targets.Count == 0)
            {
                var listed = found.Count == 0 ? "it has none" : "it has " + string.Join(", ", found.Select(i => $"{i.Descriptor.Digest} ({i.Index.Version})"));
                Fail(new ItemNotFoundException($"{reference} has no SOCI index {wanted} for {selection}; {listed}. Run Get-SociIndex to list them."),
                    "SociIndexNotFound", ErrorCategory.ObjectNotFound, Digest);
            }
            if (targets.Count == 0)
            {
                foreach (var warning in platforms.SelectMany(p => LazyLoadingWarnings.For(p, reference.ToString()))) WriteWarning(warning);
                return;
            }
            var repository = new RegistryRepository(client, reference);
            foreach (var index in targets)
            {
                var location = repository.Repository.WithDigest(index.Descriptor.Digest).ToString();
                if (!ShouldProcess(location, $"Delete the SOCI {index.Index.Version} index of {(index.Index.Version == SociIndexVersion.V2 ? "SOCI-enabled manifest" : "image manifest")} {index.ImageManifest.Descriptor.Digest}")) continue;
                var ztocs = Run(async token =>
                {
                    try
                    {
                        return await ZtocLookup.ReadAsync(repository, new[] { index.Found }, null, null, token).ConfigureAwait(false);
                    }
                    catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.NotFound)
                    {
                        // A missing zTOC blob must not keep the index from being removed; the output then lists no zTOCs.
                        return new LocatedZtoc[0];
                    }
                }, location);
                WriteVerbose($"Deleting SOCI {index.Index.Version} index {index.Descriptor.Digest} ({ztocs.Count} zTOC(s) read for the output) from {repository.Repository}.");
                var untagged = Run(token => RegistrySociIndexRemoval.RemoveAsync(client, repository.Repository, index, token), location);
                if (untagged)
                {
                    WriteVerbose($"Took {index.Descriptor.Digest} off the referrers tag {RegistryClient.FallbackTagName(index.ImageManifest.Descriptor.Digest)}; other referrers stay.");
                }
                if (index.Index.Version == SociIndexVersion.V2)
                {
                    WriteWarning($"Image {index.SociEnabledImage?.Digest.ToString() ?? reference.ToString()} still carries '{SociAnnotations.IndexDigest}' = {index.Descriptor.Digest} " +
                        $"on manifest {index.ImageManifest.Descriptor.Digest}, which now points to a missing index; push the image again without the annotation " +
                        "(or with a new index) so the snapshotter does not look for it.");
                }
                WriteObject(DiscoveredIndexOutput.Index(index, ztocs, location, reference.ToString(), null));
            }
        }
    }
}
