using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Platforms
{
    /// <summary>Finds the per-platform image manifests to work on in a single manifest, OCI index or Docker manifest list.</summary>
    public static class ImagePlatforms
    {
        private const string ReferenceTypeAnnotation = "vnd.docker.reference.type";
        private const string AttestationManifest = "attestation-manifest";
        private const int MaxIndexDepth = 4;

        public static async Task<IReadOnlyList<PlatformManifest>> SelectAsync(
            IContentReader store, Descriptor image, PlatformSelection selection, CancellationToken cancellationToken)
        {
            var candidates = new List<PlatformManifest>();
            await CollectAsync(store, image, null, candidates, 0, cancellationToken).ConfigureAwait(false);
            if (!MediaTypes.IsIndex(image.MediaType) && candidates.Count == 1 && (selection.IsAll || selection.IsDefault))
            {
                // soci convert indexes a single-platform image whatever the host is.
                return candidates;
            }
            var usable = candidates.Where(c => IsKnown(c.Platform)).ToList();
            if (selection.IsAll)
            {
                if (usable.Count == 0) throw NoneMatch(image, selection, candidates);
                return usable;
            }
            var chosen = new List<PlatformManifest>();
            foreach (var wanted in selection.Platforms)
            {
                var matcher = new PlatformMatcher(wanted);
                var best = usable
                    .Select(c => new { Candidate = c, Rank = matcher.Rank(c.Platform!) })
                    .Where(r => r.Rank >= 0)
                    .OrderBy(r => r.Rank)
                    .Select(r => r.Candidate)
                    .FirstOrDefault();
                if (best == null) throw NoneMatch(image, PlatformSelection.For(wanted), usable);
                if (!chosen.Any(c => c.Descriptor.Digest == best.Descriptor.Digest)) chosen.Add(best);
            }
            return chosen;
        }

        private static async Task CollectAsync(
            IContentReader store, Descriptor descriptor, Platform? listedPlatform, List<PlatformManifest> found, int depth, CancellationToken cancellationToken)
        {
            if (MediaTypes.IsIndex(descriptor.MediaType))
            {
                if (depth >= MaxIndexDepth)
                {
                    throw new SociFormatException($"The image index {descriptor.Digest} nests indexes more than {MaxIndexDepth} deep.");
                }
                var index = await store.ReadIndexAsync(descriptor, cancellationToken).ConfigureAwait(false);
                foreach (var child in index.Manifests)
                {
                    if (IsAttestationOrArtifact(child)) continue;
                    if (!MediaTypes.IsIndex(child.MediaType) && !MediaTypes.IsManifest(child.MediaType)) continue;
                    if (child.Platform != null && !IsKnown(child.Platform)) continue;
                    // A layout may hold only some platforms of an index; the others cannot be worked on.
                    if (!await store.ExistsAsync(child, cancellationToken).ConfigureAwait(false)) continue;
                    await CollectAsync(store, child, child.Platform, found, depth + 1, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            if (!MediaTypes.IsManifest(descriptor.MediaType))
            {
                throw new SociFormatException($"{descriptor.Digest} is a {descriptor.MediaType}, not an image manifest or index.");
            }
            var manifest = await store.ReadManifestAsync(descriptor, cancellationToken).ConfigureAwait(false);
            var platform = listedPlatform;
            if (platform == null && !string.IsNullOrEmpty(manifest.Config.MediaType) && IsImageConfig(manifest.Config.MediaType))
            {
                var config = await store.ReadAllBytesAsync(manifest.Config, cancellationToken).ConfigureAwait(false);
                platform = OciJson.ReadConfigPlatform(config);
            }
            found.Add(new PlatformManifest(descriptor, manifest, platform));
        }

        private static bool IsImageConfig(string mediaType) => mediaType == MediaTypes.OciConfig || mediaType == MediaTypes.DockerConfig;

        private static bool IsAttestationOrArtifact(Descriptor descriptor) =>
            descriptor.Annotation(ReferenceTypeAnnotation) == AttestationManifest || !string.IsNullOrEmpty(descriptor.ArtifactType);

        private static bool IsKnown(Platform? platform) =>
            platform != null && !string.IsNullOrEmpty(platform.Os) && !string.IsNullOrEmpty(platform.Architecture)
            && platform.Os != "unknown" && platform.Architecture != "unknown";

        private static SociFormatException NoneMatch(Descriptor image, PlatformSelection selection, IReadOnlyList<PlatformManifest> available)
        {
            var names = available.Where(c => IsKnown(c.Platform)).Select(c => c.Platform!.ToString()).Distinct().ToList();
            var availableText = names.Count == 0 ? "it names no usable platform" : "it has " + string.Join(", ", names);
            return new SociFormatException($"The image {image.Digest} has no manifest for {selection}; {availableText}.");
        }
    }
}
