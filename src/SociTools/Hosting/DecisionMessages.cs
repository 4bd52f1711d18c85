using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;

namespace SociTools.Hosting
{
    /// <summary>The -Verbose sentences that say what a cmdlet decided, shared so every cmdlet tells the same facts the same way.</summary>
    internal static class DecisionMessages
    {
        public static string SourceOpened(ImageSourceKind kind, string given, string layoutDirectory) => kind switch
        {
            ImageSourceKind.OciArchive => $"Opened '{given}' as an OCI archive, unpacked into the OCI layout {layoutDirectory}.",
            ImageSourceKind.DockerArchive => $"Opened '{given}' as a docker-archive (finch save), converted into the OCI layout {layoutDirectory}.",
            _ => $"Opened the OCI layout {layoutDirectory}.",
        };

        public static string ImageResolved(Descriptor image, string where) =>
            $"Image {image.Digest} ({image.MediaType}, {image.Size} bytes) in {where}.";

        public static string PlatformsChosen(PlatformSelection selection, IReadOnlyList<PlatformManifest> platforms)
        {
            var why = selection.IsAll ? "-AllPlatforms" : selection.IsDefault ? "the default: this host's platform, or the image's only one" : "-Platform " + selection;
            var chosen = string.Join(", ", platforms.Select(p => $"{p.Platform?.ToString() ?? "(no platform)"} (manifest {p.Descriptor.Digest})"));
            return $"Platform chosen by {why}: {chosen}.";
        }

        public static string LayerDone(SociLayerResult result) => result.Indexed
            ? $"Layer {result.Layer.Digest} ({result.Layer.Size} bytes) indexed: zTOC {result.Ztoc!.Digest}, {result.Ztoc.SpanCount} spans, {result.Ztoc.FileCount} files."
            : $"Layer {result.Layer.Digest} ({result.Layer.Size} bytes) not indexed: {result.SkipReason}.";

        public static string BlobStored(CopiedContent blob, string where) => blob.AlreadyPresent
            ? $"Reused {Kind(blob.Descriptor.MediaType)} {blob.Descriptor.Digest}: already in {where}."
            : $"Wrote {Kind(blob.Descriptor.MediaType)} {blob.Descriptor.Digest} ({blob.Descriptor.Size} bytes) to {where}.";

        public static string Request(Core.Registry.RegistryExchange exchange) => "Registry request: " + exchange;

        private static string Kind(string mediaType)
        {
            if (mediaType == MediaTypes.SociZtoc) return "zTOC";
            if (mediaType == MediaTypes.SociIndexV1 || mediaType == MediaTypes.SociIndexV2) return "SOCI index config";
            if (MediaTypes.IsIndex(mediaType)) return "image index";
            if (mediaType.Contains("manifest")) return "manifest";
            return "blob (" + mediaType + ")";
        }
    }
}
