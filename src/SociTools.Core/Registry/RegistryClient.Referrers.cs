using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        /// <summary>
        /// Lists the manifests whose <c>subject</c> is <paramref name="subject"/>, optionally of one artifact type:
        /// through the referrers API, or the <c>sha256-&lt;hex&gt;</c> tag when the registry lacks it.
        /// </summary>
        public async Task<IReadOnlyList<Descriptor>> GetReferrersAsync(Reference repository, Digest subject, string? artifactType, CancellationToken cancellationToken) =>
            (await ListReferrersAsync(repository, subject, artifactType, cancellationToken).ConfigureAwait(false)).Referrers;

        /// <summary>Like <see cref="GetReferrersAsync"/>, and says whether the list came from the referrers API or the fallback tag.</summary>
        public async Task<ReferrersListing> ListReferrersAsync(Reference repository, Digest subject, string? artifactType, CancellationToken cancellationToken)
        {
            var reference = repository.WithDigest(subject).ToString();
            var suffix = "referrers/" + subject + (artifactType == null ? "" : "?artifactType=" + Uri.EscapeDataString(artifactType));
            var request = new RegistryRequest(HttpMethod.Get, ApiUri(repository, suffix), repository, RegistryScope.Pull(repository.Repository), reference)
            {
                StreamResponse = true,
            };
            request.Accept.Add(MediaTypes.OciIndex);
            ImageIndex index;
            using (var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                var contentType = response.Content?.Headers.ContentType?.MediaType;
                if (response.StatusCode == HttpStatusCode.OK && contentType == MediaTypes.OciIndex)
                {
                    var body = await ReadBoundedAsync(response, MaxManifestSize, $"the referrers of {reference}", reference, cancellationToken).ConfigureAwait(false);
                    index = ReadIndexFrom(body, reference);
                    return new ReferrersListing(Filter(index, artifactType), fromFallbackTag: false);
                }
                if (response.StatusCode != HttpStatusCode.NotFound && response.StatusCode != HttpStatusCode.OK)
                {
                    await EnsureSuccessAsync(response, reference, "list the referrers of", cancellationToken).ConfigureAwait(false);
                }
            }
            var fallback = await ReadFallbackIndexAsync(repository, subject, cancellationToken).ConfigureAwait(false);
            return new ReferrersListing(fallback == null ? Array.Empty<Descriptor>() : Filter(fallback, artifactType), fromFallbackTag: true);
        }

        /// <summary>
        /// Adds a referrer to the subject's <c>sha256-&lt;hex&gt;</c> fallback index, keeping every referrer already listed
        /// (including other tools'); does nothing when it is listed already.
        /// </summary>
        public async Task AddReferrerToFallbackTagAsync(Reference repository, Digest subject, Descriptor referrer, CancellationToken cancellationToken)
        {
            var index = await ReadFallbackIndexAsync(repository, subject, cancellationToken).ConfigureAwait(false)
                ?? new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex };
            if (index.Manifests.Any(m => m.Digest == referrer.Digest)) return;
            // Distribution refuses an index naming a deleted manifest, so entries whose manifest is gone are
            // dropped; every other tool's referrer stays.
            var present = new List<Descriptor>();
            foreach (var entry in index.Manifests)
            {
                if (await HeadManifestAsync(repository.WithDigest(entry.Digest), cancellationToken).ConfigureAwait(false) != null) present.Add(entry);
            }
            index.Manifests = present;
            index.MediaType = MediaTypes.OciIndex;
            index.Manifests.Add(referrer);
            await PutManifestAsync(FallbackTag(repository, subject), MediaTypes.OciIndex, OciJson.Serialize(index), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The tag of the referrers tag schema: <c>&lt;alg&gt;-&lt;hex&gt;</c>.</summary>
        public static string FallbackTagName(Digest subject) => subject.Algorithm + "-" + subject.Encoded;

        private async Task IndexReferrerIfItHasSubjectAsync(Reference reference, Descriptor pushed, byte[] content, CancellationToken cancellationToken)
        {
            Descriptor? subject;
            string? artifactType;
            IDictionary<string, string>? annotations;
            try
            {
                if (MediaTypes.IsIndex(pushed.MediaType))
                {
                    var index = OciJson.ReadIndex(content);
                    (subject, artifactType, annotations) = (index.Subject, index.ArtifactType, index.Annotations);
                }
                else if (MediaTypes.IsManifest(pushed.MediaType))
                {
                    var manifest = OciJson.ReadManifest(content);
                    (subject, artifactType, annotations) = (manifest.Subject, manifest.ArtifactType ?? manifest.Config.MediaType, manifest.Annotations);
                }
                else
                {
                    return;
                }
            }
            catch (SociFormatException)
            {
                return;
            }
            if (subject == null) return;
            var referrer = new Descriptor
            {
                MediaType = pushed.MediaType,
                Digest = pushed.Digest,
                Size = pushed.Size,
                ArtifactType = string.IsNullOrEmpty(artifactType) ? null : artifactType,
                Annotations = annotations,
            };
            await AddReferrerToFallbackTagAsync(new Reference(reference.Registry, reference.Repository), subject.Digest, referrer, cancellationToken).ConfigureAwait(false);
        }

        private async Task<ImageIndex?> ReadFallbackIndexAsync(Reference repository, Digest subject, CancellationToken cancellationToken) =>
            (await ReadFallbackTagAsync(repository, subject, cancellationToken).ConfigureAwait(false))?.Index;

        /// <summary>The fallback index and the manifest it was read from; null when the tag does not exist.</summary>
        private async Task<(ManifestContent Content, ImageIndex Index)?> ReadFallbackTagAsync(Reference repository, Digest subject, CancellationToken cancellationToken)
        {
            var tag = FallbackTag(repository, subject);
            ManifestContent content;
            try
            {
                content = await GetManifestAsync(tag, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.NotFound)
            {
                return null;
            }
            return (content, ReadIndexFrom(content.Bytes, tag.ToString()));
        }

        private static Reference FallbackTag(Reference repository, Digest subject) => repository.WithTag(FallbackTagName(subject));

        private static ImageIndex ReadIndexFrom(byte[] body, string subject)
        {
            try
            {
                return OciJson.ReadIndex(body);
            }
            catch (SociFormatException ex)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"The referrers list of {subject} is not a valid image index: {ex.Message}", subject, null, ex);
            }
        }

        private static IReadOnlyList<Descriptor> Filter(ImageIndex index, string? artifactType) =>
            index.Manifests.Where(m => artifactType == null || m.ArtifactType == artifactType).ToList();
    }
}
