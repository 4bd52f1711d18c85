using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>How images in a layout's index.json are named and found by tag, full name or digest.</summary>
    internal static class LayoutReferences
    {
        public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
        public const string ContainerdNameAnnotation = "io.containerd.image.name";
        private const string SociImageManifestAnnotation = "com.amazon.soci.image-manifest-digest";

        /// <summary>Manifests and indexes that are images, not SOCI indexes or other artifacts.</summary>
        public static bool IsImage(Descriptor descriptor) =>
            (MediaTypes.IsIndex(descriptor.MediaType) || MediaTypes.IsManifest(descriptor.MediaType))
            && string.IsNullOrEmpty(descriptor.ArtifactType)
            && descriptor.Annotation(SociImageManifestAnnotation) == null;

        public static IEnumerable<string> NamesOf(Descriptor descriptor)
        {
            var refName = descriptor.Annotation(RefNameAnnotation);
            if (!string.IsNullOrEmpty(refName)) yield return refName!;
            var fullName = descriptor.Annotation(ContainerdNameAnnotation);
            if (!string.IsNullOrEmpty(fullName) && fullName != refName) yield return fullName!;
        }

        /// <summary>What to show a user choosing between images: names, or the digest of an unnamed one.</summary>
        public static IReadOnlyList<string> AvailableNames(ImageIndex index) =>
            index.Manifests.Where(IsImage)
                .SelectMany(d => NamesOf(d).DefaultIfEmpty(d.Digest.ToString()))
                .Distinct(StringComparer.Ordinal)
                .ToList();

        /// <summary>Entries named <paramref name="reference"/>: exactly first, then as a normalised image name.</summary>
        public static IReadOnlyList<Descriptor> FindByName(ImageIndex index, string reference)
        {
            var exact = index.Manifests.Where(d => NamesOf(d).Contains(reference, StringComparer.Ordinal)).ToList();
            if (exact.Count > 0) return exact;
            var wanted = NormalizeImageName(reference);
            return index.Manifests
                .Where(d => NamesOf(d).Any(name => LooksLikeImageName(name) && NormalizeImageName(name) == wanted))
                .ToList();
        }

        /// <summary>The digest in <c>sha256:…</c> or <c>name@sha256:…</c>, when the reference has one.</summary>
        public static bool TryGetDigest(string reference, out Digest digest)
        {
            var at = reference.LastIndexOf('@');
            return Digest.TryParse(at >= 0 ? reference.Substring(at + 1) : reference, out digest);
        }

        /// <summary>The tag of a full image name, "latest" when it has none.</summary>
        public static string TagOf(string imageName)
        {
            var normalized = NormalizeImageName(imageName);
            return normalized.Substring(normalized.LastIndexOf(':') + 1);
        }

        /// <summary>The media type a manifest or index JSON declares or implies; null when it is neither.</summary>
        public static string? MediaTypeOf(byte[] json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                if (root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String) return mediaType.GetString();
                if (root.TryGetProperty("manifests", out _)) return MediaTypes.OciIndex;
                if (root.TryGetProperty("layers", out _)) return MediaTypes.OciManifest;
                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static bool LooksLikeImageName(string name) => name.IndexOf('/') >= 0 || name.IndexOf(':') >= 0;

        /// <summary>The full form of an image name: alpine, alpine:latest and docker.io/library/alpine:latest are one image.</summary>
        public static string NormalizeImageName(string name)
        {
            var lastSlash = name.LastIndexOf('/');
            var tagColon = name.IndexOf(':', lastSlash + 1);
            var repository = tagColon >= 0 ? name.Substring(0, tagColon) : name;
            var tag = tagColon >= 0 ? name.Substring(tagColon + 1) : "latest";
            var firstSlash = repository.IndexOf('/');
            var first = firstSlash >= 0 ? repository.Substring(0, firstSlash) : "";
            var hasDomain = firstSlash >= 0 && (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost");
            if (!hasDomain)
            {
                repository = "docker.io/" + (firstSlash >= 0 ? repository : "library/" + repository);
            }
            return repository.ToLowerInvariant() + ":" + tag;
        }
    }
}
