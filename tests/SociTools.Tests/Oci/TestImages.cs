using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Tests.Oci
{
    /// <summary>Builds real layers (tar, tar.gz), image configs and raw OCI layout directories for tests.</summary>
    public static class TestImages
    {
        public static byte[] TarLayer(params (string Name, string Content)[] files)
        {
            using var buffer = new MemoryStream();
            using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var (name, content) in files)
                {
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                    {
                        DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                        ModificationTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    };
                    writer.WriteEntry(entry);
                }
            }
            return buffer.ToArray();
        }

        public static byte[] Gzip(byte[] content)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(content, 0, content.Length);
            }
            return buffer.ToArray();
        }

        public static byte[] Config(string os, string architecture, string? variant, params byte[][] uncompressedLayers)
        {
            var diffIds = string.Join(",", uncompressedLayers.Select(l => "\"" + Digest.Compute(l) + "\""));
            var variantField = variant == null ? "" : ",\"variant\":\"" + variant + "\"";
            return Encoding.UTF8.GetBytes(
                "{\"architecture\":\"" + architecture + "\",\"os\":\"" + os + "\"" + variantField +
                ",\"config\":{\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}");
        }

        public static Descriptor Describe(byte[] content, string mediaType) =>
            new Descriptor { MediaType = mediaType, Digest = Digest.Compute(content), Size = content.Length };
    }

    /// <summary>Writes an OCI layout file by file, without the code under test, so reading can be checked independently.</summary>
    public sealed class RawLayout
    {
        private readonly List<Descriptor> _index = new List<Descriptor>();

        public RawLayout(string directory)
        {
            Directory = directory;
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            WriteIndex();
        }

        public string Directory { get; }

        public Descriptor AddBlob(byte[] content, string mediaType)
        {
            var descriptor = TestImages.Describe(content, mediaType);
            File.WriteAllBytes(BlobPath(descriptor.Digest), content);
            return descriptor;
        }

        public string BlobPath(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Encoded);

        /// <summary>Adds a one-layer gzip image for the platform and returns its manifest descriptor.</summary>
        public Descriptor AddImage(string platform, string fileContent = "hello", bool docker = false)
        {
            var parsed = Platform.Parse(platform);
            var tar = TestImages.TarLayer(("etc/" + parsed.Architecture + ".txt", fileContent + platform));
            var layer = AddBlob(TestImages.Gzip(tar), docker ? MediaTypes.DockerLayerGzip : MediaTypes.OciLayerGzip);
            var config = AddBlob(TestImages.Config(parsed.Os, parsed.Architecture, parsed.Variant, tar), docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig);
            var manifest = new Manifest
            {
                MediaType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest,
                Config = config,
                Layers = new List<Descriptor> { layer },
            };
            return AddBlob(OciJson.Serialize(manifest), manifest.MediaType!);
        }

        public Descriptor AddIndex(string mediaType, params Descriptor[] manifests) =>
            AddBlob(OciJson.Serialize(new ImageIndex { MediaType = mediaType, Manifests = manifests.ToList() }), mediaType);

        public RawLayout List(Descriptor descriptor, string? refName = null, string? containerdName = null)
        {
            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (refName != null) annotations["org.opencontainers.image.ref.name"] = refName;
            if (containerdName != null) annotations["io.containerd.image.name"] = containerdName;
            _index.Add(new Descriptor
            {
                MediaType = descriptor.MediaType,
                Digest = descriptor.Digest,
                Size = descriptor.Size,
                Annotations = annotations.Count == 0 ? null : annotations,
            });
            WriteIndex();
            return this;
        }

        private void WriteIndex() =>
            File.WriteAllBytes(Path.Combine(Directory, "index.json"),
                OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = _index.ToList() }));
    }
}
