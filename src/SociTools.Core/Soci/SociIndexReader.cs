using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci
{
    /// <summary>Parses SOCI index manifests with the snapshotter's acceptance rules.</summary>
    public static class SociIndexReader
    {
        /// <exception cref="SociFormatException">The bytes are not a v1 or v2 SOCI index.</exception>
        public static SociIndex Read(byte[] indexBytes)
        {
            var manifest = OciJson.ReadManifest(indexBytes);
            var version = SociIndexFormat.VersionOf(manifest.Config?.MediaType)
                ?? throw new SociFormatException(
                    $"This manifest is not a SOCI index: its config media type is '{manifest.Config?.MediaType}', not '{MediaTypes.SociIndexV1}' or '{MediaTypes.SociIndexV2}'.");

            var ztocs = new List<SociZtocReference>();
            var prefetch = new List<Descriptor>();
            foreach (var layer in manifest.Layers)
            {
                if (layer.MediaType == MediaTypes.SociPrefetch)
                {
                    prefetch.Add(layer);
                }
                else if (layer.MediaType == MediaTypes.SociZtoc)
                {
                    ztocs.Add(ReadZtocReference(layer));
                }
            }
            return new SociIndex(version, manifest, ztocs, prefetch, SnapshotterReencode(manifest).SequenceEqual(indexBytes));
        }

        /// <summary>The bytes the snapshotter stores after decoding an index and marshalling it again (<c>MarshalIndex</c>).</summary>
        public static byte[] SnapshotterReencode(Manifest index) => OciJson.Serialize(new Manifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = index.Config,
            Layers = index.Layers,
            Subject = index.Subject,
            Annotations = index.Annotations,
        });

        private static SociZtocReference ReadZtocReference(Descriptor ztoc)
        {
            var layerDigestText = ztoc.Annotation(SociAnnotations.ImageLayerDigest);
            if (!Digest.TryParse(layerDigestText, out var layerDigest))
            {
                throw new SociFormatException(
                    $"zTOC {ztoc.Digest} has no valid '{SociAnnotations.ImageLayerDigest}' annotation (found '{layerDigestText}'), so no layer can use it.");
            }
            long? spanSize = long.TryParse(ztoc.Annotation(SociAnnotations.SpanSize), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
            return new SociZtocReference(ztoc, layerDigest, ztoc.Annotation(SociAnnotations.ImageLayerMediaType), spanSize,
                GoParseBoolIsTrue(ztoc.Annotation(SociAnnotations.DisableXattrs)));
        }

        // The snapshotter reads disable-xattrs with Go's strconv.ParseBool.
        private static bool GoParseBoolIsTrue(string? value) =>
            value == "1" || value == "t" || value == "T" || value == "true" || value == "TRUE" || value == "True";
    }
}
