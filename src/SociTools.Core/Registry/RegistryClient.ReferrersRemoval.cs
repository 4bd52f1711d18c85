using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        /// <summary>
        /// Takes one referrer off the subject's <c>sha256-&lt;hex&gt;</c> fallback index and keeps every other referrer,
        /// including other tools' (entries whose manifest no longer exists are dropped). As oras does, the replaced index is deleted by digest, so a list left empty
        /// removes the tag instead of leaving an empty index. Returns false when the tag does not list the referrer.
        /// </summary>
        public async Task<bool> RemoveReferrerFromFallbackTagAsync(Reference repository, Digest subject, Digest referrer, CancellationToken cancellationToken)
        {
            var fallback = await ReadFallbackTagAsync(repository, subject, cancellationToken).ConfigureAwait(false);
            if (fallback == null) return false;
            var (current, index) = fallback.Value;
            if (!index.Manifests.Any(m => m.Digest == referrer)) return false;
            var remaining = new List<Descriptor>();
            foreach (var entry in index.Manifests.Where(m => m.Digest != referrer))
            {
                // Registries such as distribution refuse an index naming a manifest they lack, so an entry whose
                // manifest is already gone (deleted by a tool that left the tag alone) would block the update.
                if (await HeadManifestAsync(repository.WithDigest(entry.Digest), cancellationToken).ConfigureAwait(false) != null) remaining.Add(entry);
            }
            if (remaining.Count > 0)
            {
                var updated = new ImageIndex
                {
                    SchemaVersion = 2,
                    MediaType = MediaTypes.OciIndex,
                    ArtifactType = index.ArtifactType,
                    Manifests = remaining,
                    Annotations = index.Annotations,
                };
                await PutManifestAsync(FallbackTag(repository, subject), MediaTypes.OciIndex, OciJson.Serialize(updated), cancellationToken).ConfigureAwait(false);
            }
            try
            {
                await DeleteManifestAsync(repository, current.Descriptor.Digest, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.NotFound)
            {
                // Another client replaced or removed the old list meanwhile; nothing is left to clean up.
            }
            return true;
        }
    }
}
