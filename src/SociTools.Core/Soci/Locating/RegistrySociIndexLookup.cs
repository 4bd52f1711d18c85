using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>Finds the SOCI index of an image manifest in a registry as the snapshotter does: v2 annotation, then v1 referrers (or their fallback tag).</summary>
    public static class RegistrySociIndexLookup
    {
        /// <exception cref="SociIndexNotFoundException">Neither lookup finds an index.</exception>
        public static async Task<SociIndexLocation> LocateAsync(RegistryRepository repository, PlatformManifest image, CancellationToken cancellationToken)
        {
            var locator = new SociIndexLocator(repository, repository,
                (subject, artifactType, token) => repository.Client.GetReferrersAsync(repository.Repository, subject, artifactType, token),
                new SociIndexLocatorOptions { EnableV2 = true, EnableV1 = true });
            return await locator.LocateAsync(image.Descriptor, null, cancellationToken).ConfigureAwait(false)
                ?? throw new SociIndexNotFoundException(
                    $"{repository.Repository} has no SOCI index for image manifest {image.Descriptor.Digest} ({image.Platform?.ToString() ?? "unknown platform"}): " +
                    $"the manifest has no '{SociAnnotations.IndexDigest}' annotation and no v1 index refers to it. Build one with New-SociIndex and push it with the image.");
        }
    }
}
