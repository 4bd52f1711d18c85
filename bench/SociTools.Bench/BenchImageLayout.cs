using System;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Bench
{
    /// <summary>An OCI image layout of one image (config, manifest, the benchmark layer) in a temp dir, tagged "bench".</summary>
    internal sealed class BenchImageLayout : IDisposable
    {
        public const string Tag = "bench";

        private BenchImageLayout(string directory)
        {
            Directory = directory;
        }

        public string Directory { get; }

        /// <summary>Links the layer into a new layout (no copy) and writes a config naming its diff ID and the running platform.</summary>
        public static BenchImageLayout Create(string layer)
        {
            var directory = Path.Combine(Path.GetTempPath(), "socitools-bench-layout-" + Guid.NewGuid().ToString("N"));
            var blobs = Path.Combine(directory, "blobs", "sha256");
            System.IO.Directory.CreateDirectory(blobs);
            var layout = new BenchImageLayout(directory);

            var layerSize = new FileInfo(layer).Length;
            var (layerDigest, diffId) = Digests(layer);
            File.CreateSymbolicLink(Path.Combine(blobs, layerDigest), Path.GetFullPath(layer));

            var platform = PlatformSelection.Current();
            var config = Json(new
            {
                architecture = platform.Architecture,
                os = platform.Os,
                config = new { },
                rootfs = new { type = "layers", diff_ids = new[] { "sha256:" + diffId } },
            });
            var configDigest = layout.WriteBlob(config);
            var manifest = Json(new
            {
                schemaVersion = 2,
                mediaType = MediaTypes.OciManifest,
                config = new { mediaType = MediaTypes.OciConfig, digest = configDigest, size = config.Length },
                layers = new[] { new { mediaType = MediaTypes.OciLayerGzip, digest = "sha256:" + layerDigest, size = layerSize } },
            });
            var manifestDigest = layout.WriteBlob(manifest);
            File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            File.WriteAllBytes(Path.Combine(directory, "index.json"), Json(new
            {
                schemaVersion = 2,
                mediaType = MediaTypes.OciIndex,
                manifests = new[]
                {
                    new
                    {
                        mediaType = MediaTypes.OciManifest,
                        digest = manifestDigest,
                        size = manifest.Length,
                        annotations = new System.Collections.Generic.Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = Tag },
                    },
                },
            }));
            return layout;
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

        private string WriteBlob(byte[] content)
        {
            var digest = Digest.Compute(content);
            File.WriteAllBytes(Path.Combine(Directory, "blobs", "sha256", digest.ToString().Substring("sha256:".Length)), content);
            return digest.ToString();
        }

        private static byte[] Json(object value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));

        /// <summary>Hex SHA-256 of the gzip file and of the tar inside it (the diff ID).</summary>
        private static (string Compressed, string Uncompressed) Digests(string layer)
        {
            using var file = File.OpenRead(layer);
            using var compressedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var uncompressedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var hashing = new HashingReadStream(file, compressedHash);
            using var gzip = new GZipStream(hashing, CompressionMode.Decompress);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0) uncompressedHash.AppendData(buffer, 0, read);
            while ((read = hashing.Read(buffer, 0, buffer.Length)) > 0)
            {
                // Bytes after the gzip member end (none for the generated layer) still belong to the blob.
            }
            return (Convert.ToHexStringLower(compressedHash.GetHashAndReset()), Convert.ToHexStringLower(uncompressedHash.GetHashAndReset()));
        }

        private sealed class HashingReadStream : Stream
        {
            private readonly Stream _inner;
            private readonly IncrementalHash _hash;

            public HashingReadStream(Stream inner, IncrementalHash hash)
            {
                _inner = inner;
                _hash = hash;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var read = _inner.Read(buffer, offset, count);
                _hash.AppendData(buffer, offset, read);
                return read;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
