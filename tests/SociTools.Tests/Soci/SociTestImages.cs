using System.Collections.Generic;
using System.Linq;
using System.Text;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    /// <summary>Small image manifests and opaque zTOC blobs for index tests.</summary>
    internal static class SociTestImages
    {
        public const long MiB = 1024 * 1024;

        public static Descriptor Layer(string name, long size, string mediaType = MediaTypes.OciLayerGzip) =>
            new Descriptor { MediaType = mediaType, Digest = Digest.Compute(Encoding.UTF8.GetBytes("layer " + name)), Size = size };

        public static Manifest Manifest(params Descriptor[] layers) => new Manifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Compute(Encoding.UTF8.GetBytes("config")), Size = 6 },
            Layers = layers.ToList(),
        };

        public static Descriptor DescriptorOf(Manifest manifest, IDictionary<string, string>? annotations = null)
        {
            var bytes = OciJson.Serialize(manifest);
            return new Descriptor { MediaType = manifest.MediaType ?? "", Digest = Digest.Compute(bytes), Size = bytes.Length, Annotations = annotations };
        }

        public static LayerZtoc ZtocFor(Descriptor layer, bool disableXattrs = false)
        {
            var bytes = Encoding.UTF8.GetBytes("ztoc of " + layer.Digest);
            return new LayerZtoc(bytes, Digest.Compute(bytes), layer, spanCount: 3, fileCount: 7, disableXattrs);
        }

        public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
    }
}
