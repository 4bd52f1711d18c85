using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>Finds the SOCI index of an image manifest in the order the snapshotter looks: provided digest, v2 annotation, v1 referrers.</summary>
    public sealed class SociIndexLocator
    {
        /// <summary>The snapshotter's log line when no index is found and layers are pulled normally.</summary>
        public const string DeferringMessage = "deferring to container runtime";

        private readonly IContentReader _content;
        private readonly ITagStore _resolver;
        private readonly ReferrersLister? _listReferrers;
        private readonly SociIndexLocatorOptions _options;

        /// <summary>Lists the referrers of <paramref name="subject"/> with the given artifact type (referrers API, or its tag-schema fallback).</summary>
        public delegate Task<IReadOnlyList<Descriptor>> ReferrersLister(Digest subject, string artifactType, CancellationToken cancellationToken);

        /// <param name="resolver">Resolves an index digest to its size, which the v2 annotation does not carry.</param>
        /// <param name="listReferrers">Needed for v1 lookups; without it v1 is not tried.</param>
        public SociIndexLocator(IContentReader content, ITagStore resolver, ReferrersLister? listReferrers = null, SociIndexLocatorOptions? options = null)
        {
            _content = content ?? throw new ArgumentNullException(nameof(content));
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _listReferrers = listReferrers;
            _options = options ?? new SociIndexLocatorOptions();
        }

        /// <summary>Returns the index and how it was found, or null when the snapshotter would defer to the container runtime.</summary>
        public async Task<SociIndexLocation?> LocateAsync(Descriptor imageManifest, Digest? providedIndexDigest, CancellationToken cancellationToken)
        {
            if (imageManifest == null) throw new ArgumentNullException(nameof(imageManifest));
            if (providedIndexDigest.HasValue)
            {
                return await LoadAsync(SociIndexSource.ProvidedDigest, providedIndexDigest.Value, cancellationToken).ConfigureAwait(false);
            }
            if (_options.EnableV2)
            {
                var manifest = OciJson.ReadManifest(await _content.ReadAllBytesAsync(imageManifest, ContentReaderExtensions.MaxManifestSize, cancellationToken).ConfigureAwait(false));
                var annotation = manifest.Annotations != null && manifest.Annotations.TryGetValue(SociAnnotations.IndexDigest, out var value) ? value : null;
                if (annotation != null)
                {
                    if (!Digest.TryParse(annotation, out var indexDigest))
                    {
                        throw new SociFormatException($"Image manifest {imageManifest.Digest} has '{SociAnnotations.IndexDigest}' = '{annotation}', which is not a digest.");
                    }
                    return await LoadAsync(SociIndexSource.V2Annotation, indexDigest, cancellationToken).ConfigureAwait(false);
                }
            }
            if (_options.EnableV1 && _listReferrers != null)
            {
                var referrers = await _listReferrers(imageManifest.Digest, MediaTypes.SociIndexV1, cancellationToken).ConfigureAwait(false);
                // oras's SelectFirstPolicy: the first listed referrer wins.
                var first = referrers.FirstOrDefault(r => r.ArtifactType == MediaTypes.SociIndexV1);
                if (first != null)
                {
                    var bytes = await _content.ReadAllBytesAsync(first, ContentReaderExtensions.MaxManifestSize, cancellationToken).ConfigureAwait(false);
                    return new SociIndexLocation(SociIndexSource.V1Referrers, first, SociIndexReader.Read(bytes));
                }
            }
            return null;
        }

        /// <summary>The tag of the referrers tag schema for <paramref name="subject"/>: <c>sha256-&lt;hex&gt;</c>.</summary>
        public static string ReferrersTagName(Digest subject) => subject.Algorithm + "-" + subject.Encoded;

        /// <summary>A referrers lister over the tag schema: fetches the index tagged <c>sha256-&lt;hex&gt;</c> (null when absent) and filters it as oras does.</summary>
        public static ReferrersLister ReferrersFromTagSchema(Func<string, CancellationToken, Task<ImageIndex?>> fetchIndexByTag) =>
            async (subject, artifactType, cancellationToken) =>
            {
                var index = await fetchIndexByTag(ReferrersTagName(subject), cancellationToken).ConfigureAwait(false);
                return index?.Manifests.Where(m => m.ArtifactType == artifactType).ToList() ?? new List<Descriptor>();
            };

        /// <summary>Finds a v1 SOCI index for <paramref name="imageManifestDigest"/> among the entries of an OCI layout's index.json.</summary>
        public static async Task<Descriptor?> FindV1InLayoutAsync(ImageIndex layoutIndex, Digest imageManifestDigest, IContentReader content, CancellationToken cancellationToken)
        {
            foreach (var entry in layoutIndex.Manifests)
            {
                var mayBeV1 = entry.ArtifactType == MediaTypes.SociIndexV1
                    || (string.IsNullOrEmpty(entry.ArtifactType) && entry.MediaType == MediaTypes.OciManifest);
                if (!mayBeV1 || !await content.ExistsAsync(entry, cancellationToken).ConfigureAwait(false)) continue;
                var manifest = OciJson.ReadManifest(await content.ReadAllBytesAsync(entry, ContentReaderExtensions.MaxManifestSize, cancellationToken).ConfigureAwait(false));
                if (manifest.Config?.MediaType == MediaTypes.SociIndexV1 && manifest.Subject?.Digest == imageManifestDigest) return entry;
            }
            return null;
        }

        private async Task<SociIndexLocation> LoadAsync(SociIndexSource source, Digest indexDigest, CancellationToken cancellationToken)
        {
            var descriptor = await _resolver.ResolveAsync(indexDigest.ToString(), cancellationToken).ConfigureAwait(false);
            if (descriptor.Digest != indexDigest)
            {
                throw new SociFormatException($"Resolving SOCI index {indexDigest} returned {descriptor.Digest}.");
            }
            var bytes = await _content.ReadAllBytesAsync(descriptor, ContentReaderExtensions.MaxManifestSize, cancellationToken).ConfigureAwait(false);
            return new SociIndexLocation(source, descriptor, SociIndexReader.Read(bytes));
        }
    }
}
