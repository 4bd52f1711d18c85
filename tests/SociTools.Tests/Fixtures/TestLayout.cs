using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SociTools.Tests.Fixtures
{
    /// <summary>Writes a single-platform OCI image layout by hand (not through the code under test).</summary>
    public static class TestLayout
    {
        public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

        public sealed record Written(string Path, string ManifestDigest, IReadOnlyList<string> LayerDigests);

        public static Written Create(string path, IEnumerable<(string MediaType, byte[] Blob, byte[] DiffContent)> layers, string refName = "sample")
        {
            Directory.CreateDirectory(System.IO.Path.Combine(path, "blobs", "sha256"));
            File.WriteAllText(System.IO.Path.Combine(path, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            var layerList = layers.ToList();
            var layerDescriptors = new List<string>();
            var diffIds = new List<string>();
            var layerDigests = new List<string>();
            foreach (var (mediaType, blob, diff) in layerList)
            {
                var digest = WriteBlob(path, blob);
                layerDigests.Add(digest);
                diffIds.Add("\"" + DigestOf(diff) + "\"");
                layerDescriptors.Add($"{{\"mediaType\":\"{mediaType}\",\"digest\":\"{digest}\",\"size\":{blob.Length}}}");
            }
            var config = Encoding.UTF8.GetBytes(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + string.Join(",", diffIds) + "]},\"config\":{}}");
            var configDigest = WriteBlob(path, config);
            var manifest = Encoding.UTF8.GetBytes(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
                "\"layers\":[" + string.Join(",", layerDescriptors) + "]}");
            var manifestDigest = WriteBlob(path, manifest);
            File.WriteAllText(System.IO.Path.Combine(path, "index.json"),
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length}," +
                $"\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{refName}\"}},\"platform\":{{\"architecture\":\"amd64\",\"os\":\"linux\"}}}}]}}");
            return new Written(path, manifestDigest, layerDigests);
        }

        /// <summary>A layout whose image is an OCI index with one single-layer manifest per platform (os/arch).</summary>
        public static Written CreateMultiPlatform(string path, params (string Platform, TestLayer Layer)[] platforms)
        {
            var entries = new List<string>();
            var layerDigests = new List<string>();
            foreach (var (platform, layer) in platforms)
            {
                var single = Create(path, new[] { (GzipLayer, layer.Gzip, layer.Tar) });
                var os = platform.Split('/')[0];
                var architecture = platform.Split('/')[1];
                var config = Encoding.UTF8.GetBytes(
                    $"{{\"architecture\":\"{architecture}\",\"os\":\"{os}\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{DigestOf(layer.Tar)}\"]}},\"config\":{{}}}}");
                var configDigest = WriteBlob(path, config);
                var manifest = Encoding.UTF8.GetBytes(
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                    $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
                    $"\"layers\":[{{\"mediaType\":\"{GzipLayer}\",\"digest\":\"{single.LayerDigests[0]}\",\"size\":{layer.Gzip.Length}}}]}}");
                var manifestDigest = WriteBlob(path, manifest);
                layerDigests.Add(single.LayerDigests[0]);
                entries.Add($"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length}," +
                            $"\"platform\":{{\"architecture\":\"{architecture}\",\"os\":\"{os}\"}}}}");
            }
            var index = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + string.Join(",", entries) + "]}");
            var indexDigest = WriteBlob(path, index);
            File.WriteAllText(System.IO.Path.Combine(path, "index.json"),
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                $"{{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"{indexDigest}\",\"size\":{index.Length}," +
                "\"annotations\":{\"org.opencontainers.image.ref.name\":\"multi\"}}]}");
            return new Written(path, indexDigest, layerDigests);
        }

        public static string NewFolder(string purpose) =>
            System.IO.Path.Combine(System.IO.Path.GetTempPath(), "socitools-" + purpose + "-" + Guid.NewGuid().ToString("n").Substring(0, 8));

        public static string WriteBlob(string layout, byte[] blob)
        {
            var digest = DigestOf(blob);
            File.WriteAllBytes(System.IO.Path.Combine(layout, "blobs", "sha256", digest.Substring(7)), blob);
            return digest;
        }

        public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

        /// <summary>Every file in the folder with its bytes, to prove a failed call changed nothing.</summary>
        public static IReadOnlyDictionary<string, string> Snapshot(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => System.IO.Path.GetRelativePath(folder, f), f => DigestOf(File.ReadAllBytes(f)));
    }
}
