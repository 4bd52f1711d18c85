using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;

namespace SociTools.Tests.Registry
{
    /// <summary>A small but real image: a gzip tar layer with one file, an image config, and an OCI manifest.</summary>
    public sealed class TestImage
    {
        private TestImage(byte[] layer, byte[] config, byte[] manifest)
        {
            Layer = layer;
            Config = config;
            ManifestBytes = manifest;
            LayerDescriptor = Describe(MediaTypes.OciLayerGzip, layer);
            ConfigDescriptor = Describe(MediaTypes.OciConfig, config);
            ManifestDescriptor = Describe(MediaTypes.OciManifest, manifest);
        }

        public byte[] Layer { get; }
        public byte[] Config { get; }
        public byte[] ManifestBytes { get; }
        public Descriptor LayerDescriptor { get; }
        public Descriptor ConfigDescriptor { get; }
        public Descriptor ManifestDescriptor { get; }

        public static TestImage Create(string fileText, int fileSize = 0)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                var content = Encoding.UTF8.GetBytes(fileText);
                if (fileSize > content.Length)
                {
                    var padded = new byte[fileSize];
                    new Random(fileText.GetHashCode()).NextBytes(padded);
                    content.CopyTo(padded, 0);
                    content = padded;
                }
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream(content) };
                writer.WriteEntry(entry);
            }
            var uncompressed = tar.ToArray();
            var gz = new MemoryStream();
            using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(uncompressed);
            var layer = gz.ToArray();
            var config = Encoding.UTF8.GetBytes(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}," +
                $"\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{Digest.Compute(uncompressed)}\"]}}}}");
            var manifest = new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = Describe(MediaTypes.OciConfig, config),
                Layers = new List<Descriptor> { Describe(MediaTypes.OciLayerGzip, layer) },
            };
            return new TestImage(layer, config, OciJson.Serialize(manifest));
        }

        public static Descriptor Describe(string mediaType, byte[] content) =>
            new Descriptor { MediaType = mediaType, Digest = Digest.Compute(content), Size = content.Length };

        /// <summary>Pushes layer, config and manifest, tagging the manifest.</summary>
        public async Task<Descriptor> PushAsync(RegistryClient client, Reference repository, string tag)
        {
            await client.PushBlobAsync(repository, LayerDescriptor, new MemoryStream(Layer), CancellationToken.None);
            await client.PushBlobAsync(repository, ConfigDescriptor, new MemoryStream(Config), CancellationToken.None);
            return await client.PutManifestAsync(repository.WithTag(tag), MediaTypes.OciManifest, ManifestBytes, CancellationToken.None);
        }
    }
}
