using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Core.Serialization;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Tests.Soci
{
    /// <summary>
    /// An image with a real gzip layer, indexed by New-SociIndex in a layout and pushed to a test registry:
    /// the image by skopeo (an independent client), a v1 index by the registry client, which keeps the fallback tag.
    /// </summary>
    public sealed class IndexedRegistryImage : System.IDisposable
    {
        public const string ForeignArtifactType = "application/vnd.example.sbom.v1+json";
        public const string Tag = "v1";

        private IndexedRegistryImage(TestLayout.Written layout, TestLayer layer, Reference repository)
        {
            Layout = layout;
            Layer = layer;
            Repository = repository;
        }

        public TestLayout.Written Layout { get; }
        public TestLayer Layer { get; }
        public Reference Repository { get; }
        public Reference Image => Repository.WithTag(Tag);

        /// <summary>Each index New-SociIndex built, in build order.</summary>
        public List<dynamic> Indexes { get; } = new List<dynamic>();

        /// <summary>A layout whose one layer is big enough for several 1 MiB spans; not yet indexed.</summary>
        public static IndexedRegistryImage Create(Reference repository, int seed)
        {
            var layer = TestLayer.Varied(seed);
            var layout = TestLayout.Create(TestLayout.NewFolder("soci-registry"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            return new IndexedRegistryImage(layout, layer, repository);
        }

        /// <summary>Runs New-SociIndex on the layout ("V1" or "V2") and keeps the index it emits.</summary>
        public dynamic Index(PowerShellSession session, string version, string spanSize = "1MB")
        {
            var result = session.Invoke($"New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize {spanSize} -IndexVersion {version}", Layout.Path);
            result.ThrowIfErrors();
            var index = result.Emitted("SociIndex").Single();
            Indexes.Add(index);
            return index;
        }

        /// <summary>Indexes the layout as v1, pushes the image with skopeo and the index with the client; returns the index New-SociIndex emitted.</summary>
        /// <param name="skopeoCredentials">user:password for a registry with basic auth.</param>
        public async Task<dynamic> IndexAndPushV1Async(PowerShellSession session, RegistryClient client, string? skopeoCredentials = null)
        {
            var built = Index(session, "V1");
            await PushImageAsync(skopeoCredentials);
            await PushV1IndexAsync(client, (string)built.Digest);
            return built;
        }

        /// <summary>Copies the layout's image to the registry with skopeo.</summary>
        public Task PushImageAsync(string? credentials = null) =>
            Skopeo.RunAsync(new[] { "copy", "--insecure-policy", "--all", "--preserve-digests", "--dest-tls-verify=false" }
                .Concat(credentials == null ? new string[0] : new[] { "--dest-creds", credentials })
                .Concat(new[] { $"oci:{Layout.Path}:sample", $"docker://{Image}" }).ToArray());

        /// <summary>
        /// Pushes the layout's image graph with the registry client, children first. Used for SOCI-enabled (v2) images:
        /// skopeo 1.9 rewrites an OCI index whose entries carry artifactType, so it cannot copy them with their digests.
        /// </summary>
        public async Task PushImageWithClientAsync(RegistryClient client)
        {
            var layout = OciLayout.Open(Layout.Path);
            var root = (await layout.ReadIndexAsync()).Manifests.Single(m => m.Annotation("org.opencontainers.image.ref.name") == "sample");
            await PushGraphAsync(client, root);
        }

        /// <summary>Pushes a manifest or index of the layout with everything it refers to, and tags it <see cref="Tag"/>.</summary>
        public async Task PushGraphAsync(RegistryClient client, Descriptor root)
        {
            var layout = OciLayout.Open(Layout.Path);
            await PushTreeAsync(layout, new RegistryRepository(client, Repository), root);
            await client.PutManifestAsync(Image, root.MediaType, await layout.ReadAllBytesAsync(root, CancellationToken.None), CancellationToken.None);
        }

        private static async Task PushTreeAsync(OciLayout layout, RegistryRepository store, Descriptor node)
        {
            var bytes = await layout.ReadAllBytesAsync(node, CancellationToken.None);
            if (MediaTypes.IsIndex(node.MediaType))
            {
                foreach (var child in OciJson.ReadIndex(bytes).Manifests) await PushTreeAsync(layout, store, child);
            }
            else
            {
                var manifest = OciJson.ReadManifest(bytes);
                foreach (var blob in manifest.Layers.Append(manifest.Config))
                {
                    if (await store.ExistsAsync(blob, CancellationToken.None)) continue;
                    using var content = await layout.OpenAsync(blob, CancellationToken.None);
                    await store.PushAsync(blob, content, CancellationToken.None);
                }
            }
            await SociContentWriter.WriteIfMissingAsync(store, node, bytes, null, CancellationToken.None);
        }

        /// <summary>Pushes a v1 index with its zTOCs and config; the client lists it under the fallback tag, as the registry lacks the referrers API.</summary>
        public async Task PushV1IndexAsync(RegistryClient client, string indexDigest)
        {
            var bytes = File.ReadAllBytes(BlobPath(indexDigest));
            var manifest = OciJson.ReadManifest(bytes);
            foreach (var blob in manifest.Layers.Append(manifest.Config))
            {
                using var content = File.OpenRead(BlobPath(blob.Digest.ToString()));
                await client.PushBlobAsync(Repository, blob, content, CancellationToken.None);
            }
            await client.PutManifestAsync(Repository.WithDigest(Digest.Parse(indexDigest)), MediaTypes.OciManifest, bytes, CancellationToken.None);
        }

        /// <summary>Another tool's artifact (an SBOM) whose subject is the image manifest; pushing it adds it to the fallback tag.</summary>
        public async Task<Descriptor> PushForeignReferrerAsync(RegistryClient client)
        {
            var subject = (await client.HeadManifestAsync(Repository.WithDigest(Digest.Parse(Layout.ManifestDigest)), CancellationToken.None))!;
            var config = Encoding.UTF8.GetBytes("{\"sbom\":\"spdx\"}");
            var configDescriptor = TestImage.Describe(ForeignArtifactType, config);
            await client.PushBlobAsync(Repository, configDescriptor, new MemoryStream(config), CancellationToken.None);
            var bytes = OciJson.Serialize(new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = configDescriptor,
                Layers = new List<Descriptor> { configDescriptor },
                Subject = new Descriptor { MediaType = subject.MediaType, Digest = subject.Digest, Size = subject.Size },
            });
            return await client.PutManifestAsync(Repository.WithDigest(Digest.Compute(bytes)), MediaTypes.OciManifest, bytes, CancellationToken.None);
        }

        /// <summary>The digests the image manifest's fallback tag lists; empty when the tag is gone.</summary>
        public async Task<IReadOnlyList<string>> FallbackTagListAsync(RegistryClient client)
        {
            var tag = Repository.WithTag("sha256-" + Layout.ManifestDigest.Substring(7));
            var head = await client.HeadManifestAsync(tag, CancellationToken.None);
            if (head == null) return new string[0];
            var index = OciJson.ReadIndex((await client.GetManifestAsync(tag, CancellationToken.None)).Bytes);
            return index.Manifests.Select(m => m.Digest.ToString()).ToList();
        }

        public async Task<bool> ManifestExistsAsync(RegistryClient client, string digest) =>
            await client.HeadManifestAsync(Repository.WithDigest(Digest.Parse(digest)), CancellationToken.None) != null;

        public void Dispose()
        {
            if (Directory.Exists(Layout.Path)) Directory.Delete(Layout.Path, recursive: true);
        }

        public string BlobPath(string digest) => Path.Combine(Layout.Path, "blobs", "sha256", digest.Substring(7));
    }
}
