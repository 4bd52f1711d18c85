using System;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>
    /// Deletes a SOCI index manifest from a registry and takes it off the referrers fallback tag, keeping other
    /// referrers. zTOC blobs stay (registries garbage-collect unreferenced blobs); a v2 image keeps its annotation.
    /// </summary>
    public static class RegistrySociIndexRemoval
    {
        /// <summary>Returns true when the index was also taken off the <c>sha256-&lt;hex&gt;</c> fallback tag.</summary>
        /// <exception cref="RegistryException">Kind <see cref="RegistryErrorKind.Unsupported"/> when the registry has deletes disabled; nothing is changed then.</exception>
        public static async Task<bool> RemoveAsync(RegistryClient client, Reference repository, DiscoveredSociIndex index, CancellationToken cancellationToken)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (index == null) throw new ArgumentNullException(nameof(index));
            var digest = index.Descriptor.Digest;
            // The manifest goes first: a registry refusing deletes then leaves the fallback tag as it was.
            await client.DeleteManifestAsync(repository, digest, cancellationToken).ConfigureAwait(false);
            var subject = index.Index.Subject?.Digest;
            if (subject == null) return false;
            return await client.RemoveReferrerFromFallbackTagAsync(repository, subject.Value, digest, cancellationToken).ConfigureAwait(false);
        }
    }
}
