using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class ReferrersTests
    {
        private const string SignatureType = "application/vnd.example.signature.v1+json";
        private readonly RegistryFixture _registries;

        public ReferrersTests(RegistryFixture registries) => _registries = registries;

        /// <summary>Pushes the blobs of a SOCI-index-shaped manifest (config "{}", one zTOC) and returns its bytes.</summary>
        private static async Task<byte[]> SociIndexAsync(RegistryClient client, Reference repository, Descriptor subject)
        {
            var config = Encoding.ASCII.GetBytes("{}");
            var ztoc = Encoding.ASCII.GetBytes("ztoc bytes for " + subject.Digest);
            var configDescriptor = TestImage.Describe(MediaTypes.SociIndexV1, config);
            var ztocDescriptor = TestImage.Describe(MediaTypes.SociZtoc, ztoc);
            await client.PushBlobAsync(repository, configDescriptor, new MemoryStream(config), CancellationToken.None);
            await client.PushBlobAsync(repository, ztocDescriptor, new MemoryStream(ztoc), CancellationToken.None);
            return OciJson.Serialize(new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = configDescriptor,
                Layers = new List<Descriptor> { ztocDescriptor },
                Subject = new Descriptor { MediaType = subject.MediaType, Digest = subject.Digest, Size = subject.Size },
                Annotations = new Dictionary<string, string> { ["com.amazon.soci.build-tool-identifier"] = "AWS SOCI CLI v0.2" },
            });
        }

        [Fact]
        public async Task Registry_without_referrers_api_gets_the_index_listed_under_the_fallback_tag()
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository("referrers/fallback");
            var image = TestImage.Create("referrers");
            var imageDescriptor = await image.PushAsync(client, repository, "v1");
            var soci = await SociIndexAsync(client, repository, imageDescriptor);

            var pushed = await client.PutManifestAsync(repository.WithDigest(Digest.Compute(soci)), MediaTypes.OciManifest, soci, CancellationToken.None);
            var referrers = await client.GetReferrersAsync(repository, imageDescriptor.Digest, MediaTypes.SociIndexV1, CancellationToken.None);

            var listed = Assert.Single(referrers);
            Assert.Equal(pushed.Digest, listed.Digest);
            Assert.Equal(pushed.Size, listed.Size);
            Assert.Equal(MediaTypes.SociIndexV1, listed.ArtifactType);
            Assert.Equal("AWS SOCI CLI v0.2", listed.Annotation("com.amazon.soci.build-tool-identifier"));
            var fallback = await client.GetManifestAsync(repository.WithTag("sha256-" + imageDescriptor.Digest.Encoded), CancellationToken.None);
            Assert.Equal(MediaTypes.OciIndex, fallback.Descriptor.MediaType);
            Assert.Empty(await client.GetReferrersAsync(repository, imageDescriptor.Digest, "application/vnd.other+json", CancellationToken.None));
        }

        [Fact]
        public async Task Fallback_tag_update_keeps_a_referrer_another_tool_listed()
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository("referrers/merge");
            var image = TestImage.Create("merge");
            var imageDescriptor = await image.PushAsync(client, repository, "v1");
            var signature = await PushForeignSignatureAsync(client, repository, imageDescriptor);
            var foreignIndex = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{signature.Digest}\",\"size\":{signature.Size}," +
                $"\"annotations\":{{\"org.example.signed-by\":\"release-team\"}},\"artifactType\":\"{SignatureType}\"}}]}}";
            await RawPutAsync(repository, "sha256-" + imageDescriptor.Digest.Encoded, MediaTypes.OciIndex, Encoding.UTF8.GetBytes(foreignIndex));
            var soci = await SociIndexAsync(client, repository, imageDescriptor);

            var pushed = await client.PutManifestAsync(repository.WithDigest(Digest.Compute(soci)), MediaTypes.OciManifest, soci, CancellationToken.None);

            var all = await client.GetReferrersAsync(repository, imageDescriptor.Digest, null, CancellationToken.None);
            Assert.Equal(new[] { signature.Digest, pushed.Digest }, all.Select(d => d.Digest));
            var kept = all.Single(d => d.Digest == signature.Digest);
            Assert.Equal(SignatureType, kept.ArtifactType);
            Assert.Equal("release-team", kept.Annotation("org.example.signed-by"));
        }

        [Fact]
        public async Task Pushing_the_same_index_twice_lists_it_once()
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository("referrers/twice");
            var image = TestImage.Create("twice");
            var imageDescriptor = await image.PushAsync(client, repository, "v1");
            var soci = await SociIndexAsync(client, repository, imageDescriptor);

            await client.PutManifestAsync(repository.WithDigest(Digest.Compute(soci)), MediaTypes.OciManifest, soci, CancellationToken.None);
            await client.PutManifestAsync(repository.WithDigest(Digest.Compute(soci)), MediaTypes.OciManifest, soci, CancellationToken.None);

            Assert.Single(await client.GetReferrersAsync(repository, imageDescriptor.Digest, null, CancellationToken.None));
        }

        [Fact]
        public async Task Registry_with_referrers_api_is_asked_directly_and_filtered_by_artifact_type()
        {
            var subject = Digest.Compute(Encoding.ASCII.GetBytes("subject"));
            var soci = Digest.Compute(Encoding.ASCII.GetBytes("soci"));
            var signature = Digest.Compute(Encoding.ASCII.GetBytes("signature"));
            var body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{signature}\",\"size\":10,\"artifactType\":\"{SignatureType}\"}}," +
                $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{soci}\",\"size\":20,\"artifactType\":\"{MediaTypes.SociIndexV1}\"}}]}}";
            using var modern = new LoopbackProxy(0, request => request.Path == $"/v2/app/referrers/{subject}"
                ? ProxyReply.Status(200, "OK", body, MediaTypes.OciIndex)
                : ProxyReply.Status(404, "Not Found"));
            using var client = new RegistryClient();

            var referrers = await client.GetReferrersAsync(Reference.Parse($"{modern.Host}/app"), subject, MediaTypes.SociIndexV1, CancellationToken.None);

            Assert.Equal(soci, Assert.Single(referrers).Digest);
            Assert.Contains(modern.Requests, r => r.Target.Contains("artifactType=application%2Fvnd.amazon.soci.index.v1%2Bjson"));
            Assert.DoesNotContain(modern.Requests, r => r.Path.Contains("/manifests/sha256-"));
        }

        private async Task<Descriptor> PushForeignSignatureAsync(RegistryClient client, Reference repository, Descriptor subject)
        {
            var payload = Encoding.ASCII.GetBytes("signature payload");
            var config = Encoding.ASCII.GetBytes("{}");
            var payloadDescriptor = TestImage.Describe("application/vnd.example.payload", payload);
            var configDescriptor = TestImage.Describe(SignatureType, config);
            await client.PushBlobAsync(repository, payloadDescriptor, new MemoryStream(payload), CancellationToken.None);
            await client.PushBlobAsync(repository, configDescriptor, new MemoryStream(config), CancellationToken.None);
            var manifest = OciJson.Serialize(new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = configDescriptor,
                Layers = new List<Descriptor> { payloadDescriptor },
                Subject = subject,
            });
            var digest = Digest.Compute(manifest);
            await RawPutAsync(repository, digest.ToString(), MediaTypes.OciManifest, manifest);
            return new Descriptor { MediaType = MediaTypes.OciManifest, Digest = digest, Size = manifest.Length };
        }

        /// <summary>Writes a manifest the way another tool would, without SociTools' client.</summary>
        private static async Task RawPutAsync(Reference repository, string target, string mediaType, byte[] content)
        {
            using var http = new HttpClient();
            var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = await http.PutAsync($"http://{repository.Registry}/v2/{repository.Repository}/manifests/{target}", body);
            Assert.True(response.IsSuccessStatusCode, $"PUT {target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
