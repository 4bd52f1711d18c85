using System;
using System.Linq;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Building
{
    /// <summary>soci's per-layer rules: which layers get a zTOC, and why the others are skipped.</summary>
    public static class SociLayerPolicy
    {
        private const string OciLayerPrefix = "application/vnd.oci.image.layer.";
        private const string DockerLayerZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd";
        private const string DockerForeignLayerTar = "application/vnd.docker.image.rootfs.foreign.diff.tar";

        /// <summary>True for the media types containerd's <c>images.IsLayerType</c> accepts.</summary>
        public static bool IsLayerType(string? mediaType)
        {
            if (mediaType == null) return false;
            if (mediaType.StartsWith(OciLayerPrefix, StringComparison.Ordinal)) return true;
            switch (BaseType(mediaType))
            {
                case MediaTypes.DockerLayerTar:
                case MediaTypes.DockerLayerGzip:
                case DockerForeignLayerTar:
                case MediaTypes.DockerForeignLayerGzip:
                case DockerLayerZstd:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The compression a layer media type declares, as containerd's <c>images.DiffCompression</c> names it
        /// (<c>gzip</c>, <c>zstd</c>, <c>unknown</c> for Docker's plain tar, <c>uncompressed</c> for OCI tar),
        /// or "" for wrapped or unrecognised types.
        /// </summary>
        public static string Compression(string mediaType)
        {
            var parts = mediaType.Split('+');
            var baseType = parts[0];
            var extensions = parts.Skip(1).OrderBy(e => e, StringComparer.Ordinal).ToArray();
            switch (baseType)
            {
                case MediaTypes.DockerLayerTar:
                case DockerForeignLayerTar:
                    return extensions.Length > 0 ? "" : "unknown";
                case MediaTypes.DockerLayerGzip:
                case MediaTypes.DockerForeignLayerGzip:
                    return extensions.Length > 0 ? "" : "gzip";
                case DockerLayerZstd:
                    return extensions.Length > 0 ? "" : "zstd";
                case MediaTypes.OciLayerTar:
                case MediaTypes.OciNonDistributableLayerTar:
                    if (extensions.Length > 0)
                    {
                        var last = extensions[extensions.Length - 1];
                        if (last == "gzip" || last == "zstd") return last;
                        return "";
                    }
                    // soci treats only the distributable OCI tar type as uncompressed.
                    return mediaType == MediaTypes.OciLayerTar ? "uncompressed" : "";
                default:
                    return "";
            }
        }

        /// <summary>Why a layer gets no zTOC, or null when it should be indexed.</summary>
        /// <exception cref="SociFormatException">The descriptor is not an image layer; soci fails the whole build.</exception>
        public static string? SkipReason(Descriptor layer, long minLayerSize) => Skip(layer, minLayerSize).Reason;

        /// <summary>True when the layer is skipped only because it is smaller than <paramref name="minLayerSize"/>, so lowering it would index the layer.</summary>
        public static bool IsSkippedForSize(Descriptor layer, long minLayerSize) => Skip(layer, minLayerSize).ForSize;

        private static (string? Reason, bool ForSize) Skip(Descriptor layer, long minLayerSize)
        {
            if (layer.MediaType == MediaTypes.SociPrefetch) return ("is a SOCI prefetch artifact, not an image layer", false);
            if (!IsLayerType(layer.MediaType))
            {
                throw new SociFormatException(
                    $"The image manifest lists {layer.Digest} with media type '{layer.MediaType}', which is not a layer media type; SOCI indexes only images whose layers are OCI or Docker layers.");
            }
            var compression = Compression(layer.MediaType);
            var supported = compression == "gzip" || compression == "uncompressed" || compression == "unknown";
            // soci checks the size first; the flag says whether a lower minimum would be enough.
            if (layer.Size < minLayerSize) return ($"size {layer.Size} is less than min-layer-size {minLayerSize}", supported);
            if (!supported)
            {
                return ($"is compressed in an unsupported format. expect: [tar, gzip, unknown] but got \"{compression}\"", false);
            }
            return (null, false);
        }

        private static string BaseType(string mediaType)
        {
            var plus = mediaType.IndexOf('+');
            return plus < 0 ? mediaType : mediaType.Substring(0, plus);
        }
    }
}
