using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>
    /// Every SOCI index a registry holds for an image, found as the snapshotter looks (v2 annotation on the
    /// platform manifest, then v1 referrers through the API or the fallback tag), and also v2 index
    /// descriptors listed in the image's OCI index. Unlike the snapshotter it lists all, not just the first.
    /// </summary>
    public static class RegistrySociIndexes
    {
        public static async Task<IReadOnlyList<PlatformSociIndexes>> ListAsync(
            RegistryClient client, Reference image, PlatformSelection selection, CancellationToken cancellationToken)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (image == null) throw new ArgumentNullException(nameof(image));
            var repository = new RegistryRepository(client, image);
            var imageDescriptor = await repository.ResolveAsync(image.ManifestReference, cancellationToken).ConfigureAwait(false);
            var platforms = await ImagePlatforms.SelectAsync(repository, imageDescriptor, selection, cancellationToken).ConfigureAwait(false);
            var listedV2 = MediaTypes.IsIndex(imageDescriptor.MediaType)
                ? (await repository.ReadIndexAsync(imageDescriptor, cancellationToken).ConfigureAwait(false)).Manifests
                    .Where(m => m.ArtifactType == MediaTypes.SociIndexV2).ToList()
                : new List<Descriptor>();
            var result = new List<PlatformSociIndexes>();
            foreach (var platform in platforms)
            {
                result.Add(await ForPlatformAsync(client, repository.Repository, imageDescriptor, platform, listedV2, cancellationToken).ConfigureAwait(false));
            }
            return result;
        }

        private static async Task<PlatformSociIndexes> ForPlatformAsync(
            RegistryClient client, Reference repository, Descriptor image, PlatformManifest platform, IReadOnlyList<Descriptor> listedV2, CancellationToken cancellationToken)
        {
            var found = new List<DiscoveredSociIndex>();
            Digest? missing = null;
            var manifestDigest = platform.Descriptor.Digest;
            var annotated = SociEnabledManifest.AnnotatedIndexDigest(platform);
            if (annotated is Digest annotatedDigest)
            {
                var index = await TryReadAsync(client, repository, annotatedDigest, null, manifestDigest, cancellationToken).ConfigureAwait(false);
                if (index == null) missing = annotatedDigest;
                else found.Add(new DiscoveredSociIndex(index, platform, SociIndexFoundBy.V2Annotation, image));
            }
            foreach (var listed in listedV2.Where(d => d.Annotation(SociAnnotations.ImageManifestDigest) == manifestDigest.ToString()))
            {
                if (found.Any(f => f.Descriptor.Digest == listed.Digest)) continue;
                var index = await TryReadAsync(client, repository, listed.Digest, listed.ArtifactType, manifestDigest, cancellationToken).ConfigureAwait(false);
                if (index != null) found.Add(new DiscoveredSociIndex(index, platform, SociIndexFoundBy.ImageIndex, image));
            }
            var referrers = await client.ListReferrersAsync(repository, manifestDigest, MediaTypes.SociIndexV1, cancellationToken).ConfigureAwait(false);
            var foundBy = referrers.FromFallbackTag ? SociIndexFoundBy.ReferrersTag : SociIndexFoundBy.ReferrersApi;
            foreach (var referrer in referrers.Referrers)
            {
                if (found.Any(f => f.Descriptor.Digest == referrer.Digest)) continue;
                // A stale entry (its manifest deleted by a tool that left the fallback tag alone) is not an index.
                var index = await TryReadAsync(client, repository, referrer.Digest, referrer.ArtifactType, manifestDigest, cancellationToken).ConfigureAwait(false);
                if (index != null) found.Add(new DiscoveredSociIndex(index, platform, foundBy, null));
            }
            return new PlatformSociIndexes(platform, found, missing);
        }

        /// <summary>Fetches and parses an index by digest; null when the registry does not have it.</summary>
        private static async Task<FoundSociIndex?> TryReadAsync(
            RegistryClient client, Reference repository, Digest digest, string? artifactType, Digest imageManifest, CancellationToken cancellationToken)
        {
            ManifestContent content;
            try
            {
                content = await client.GetManifestAsync(repository.WithDigest(digest), cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.NotFound)
            {
                return null;
            }
            var index = SociIndexReader.Read(content.Bytes);
            var descriptor = new Descriptor
            {
                MediaType = content.Descriptor.MediaType,
                Digest = content.Descriptor.Digest,
                Size = content.Descriptor.Size,
                ArtifactType = artifactType ?? SociIndexFormat.ArtifactType(index.Version),
            };
            return new FoundSociIndex(descriptor, index, index.Subject?.Digest ?? imageManifest);
        }
    }
}
