using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class RegistryClientTests
    {
        private readonly RegistryFixture _registries;

        public RegistryClientTests(RegistryFixture registries) => _registries = registries;

        private static RegistryClient NewClient(int chunkSize = 16 * 1024 * 1024) =>
            new RegistryClient(new RegistryClientOptions { ChunkSize = chunkSize });

        private static async Task<byte[]> DownloadAsync(RegistryClient client, Reference repository, Descriptor descriptor)
        {
            using var stream = await client.OpenBlobAsync(repository, descriptor, CancellationToken.None);
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }

        [Fact]
        public async Task Ping_accepts_a_distribution_registry()
        {
            using var client = NewClient();
            await client.PingAsync(_registries.Anonymous.Repository("any"), CancellationToken.None);
        }

        [Fact]
        public async Task Image_pushed_by_tag_comes_back_with_identical_bytes()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("roundtrip/app");
            var image = TestImage.Create("round trip");

            var pushed = await image.PushAsync(client, repository, "v1");
            var fetched = await client.GetManifestAsync(repository.WithTag("v1"), CancellationToken.None);

            Assert.Equal(image.ManifestDescriptor.Digest, pushed.Digest);
            Assert.Equal(image.ManifestBytes, fetched.Bytes);
            Assert.Equal(MediaTypes.OciManifest, fetched.Descriptor.MediaType);
            Assert.Equal(image.ManifestDescriptor.Digest, fetched.Descriptor.Digest);
            Assert.Equal(image.Layer, await DownloadAsync(client, repository, image.LayerDescriptor));
        }

        [Fact]
        public async Task Head_resolves_a_tag_to_the_manifest_descriptor()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("head/app");
            var image = TestImage.Create("head");
            await image.PushAsync(client, repository, "stable");

            var descriptor = await client.HeadManifestAsync(repository.WithTag("stable"), CancellationToken.None);

            Assert.NotNull(descriptor);
            Assert.Equal(image.ManifestDescriptor.Digest, descriptor!.Digest);
            Assert.Equal(image.ManifestDescriptor.Size, descriptor.Size);
            Assert.Equal(MediaTypes.OciManifest, descriptor.MediaType);
            Assert.Null(await client.HeadManifestAsync(repository.WithTag("missing"), CancellationToken.None));
        }

        [Fact]
        public async Task Missing_manifest_is_a_not_found_error_naming_the_reference()
        {
            using var client = NewClient();
            var reference = _registries.Anonymous.Repository("nothing/here").WithTag("v9");

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(reference, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
            Assert.Equal(404, error.StatusCode);
            Assert.Equal(reference.ToString(), error.Reference);
            Assert.Contains(reference.ToString(), error.Message);
            Assert.Contains("was not found", error.Message);
        }

        [Fact]
        public async Task Blob_replaced_in_transit_fails_verification_when_read()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("verify/app");
            var content = new byte[] { 1, 2, 3, 4, 5 };
            var descriptor = TestImage.Describe("application/octet-stream", content);
            await client.PushBlobAsync(repository, descriptor, new MemoryStream(content), CancellationToken.None);
            using var tampering = new LoopbackProxy(_registries.Anonymous.Port, request =>
                request.Method == "GET" && request.Path.Contains("/blobs/") ? ProxyReply.Status(200, "OK", "evil!", "application/octet-stream") : null);
            var viaProxy = Reference.Parse($"{tampering.Host}/verify/app");

            using var stream = await client.OpenBlobAsync(viaProxy, descriptor, CancellationToken.None);
            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => stream.CopyToAsync(Stream.Null));

            Assert.Contains(descriptor.Digest.ToString(), error.Message);
        }

        [Fact]
        public async Task Blob_of_another_size_than_declared_is_refused_before_reading()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("verify/size");
            var content = new byte[] { 1, 2, 3 };
            var descriptor = TestImage.Describe("application/octet-stream", content);
            await client.PushBlobAsync(repository, descriptor, new MemoryStream(content), CancellationToken.None);
            var wrongSize = new Descriptor { MediaType = descriptor.MediaType, Digest = descriptor.Digest, Size = 4 };

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => client.OpenBlobAsync(repository, wrongSize, CancellationToken.None));

            Assert.Contains("3 bytes", error.Message);
        }

        [Fact]
        public async Task Push_of_content_that_does_not_match_its_descriptor_uploads_nothing()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("verify/push");
            var declared = TestImage.Describe("application/octet-stream", new byte[] { 9, 9, 9 });

            var error = await Assert.ThrowsAsync<ContentVerificationException>(
                () => client.PushBlobAsync(repository, declared, new MemoryStream(new byte[] { 1, 2, 3 }), CancellationToken.None));

            Assert.Contains("nothing was uploaded", error.Message);
            Assert.Null(await client.HeadBlobAsync(repository, declared.Digest, CancellationToken.None));
        }

        [Fact]
        public async Task Connection_cut_in_the_middle_of_a_blob_is_a_network_error_naming_the_blob()
        {
            using var client = NewClient();
            var content = new byte[100_000];
            new Random(5).NextBytes(content);
            var descriptor = TestImage.Describe("application/octet-stream", content);
            using var cutting = new LoopbackProxy(0, _ => ProxyReply.CutOff(content.Length, content.AsSpan(0, 1000).ToArray()));
            var repository = Reference.Parse($"{cutting.Host}/cut/app");

            using var stream = await client.OpenBlobAsync(repository, descriptor, CancellationToken.None);
            var error = await Assert.ThrowsAsync<RegistryException>(() => stream.CopyToAsync(Stream.Null));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains(descriptor.Digest.ToString(), error.Message);
        }

        [Fact]
        public async Task Range_read_returns_exactly_the_requested_bytes()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("range/app");
            var content = Enumerable.Range(0, 10000).Select(i => (byte)(i * 7)).ToArray();
            var descriptor = TestImage.Describe("application/octet-stream", content);
            await client.PushBlobAsync(repository, descriptor, new MemoryStream(content), CancellationToken.None);

            var bytes = await client.ReadBlobRangeAsync(repository, descriptor.Digest, 1234, 4321, CancellationToken.None);

            Assert.Equal(content.Skip(1234).Take(4321).ToArray(), bytes);
        }

        [Fact]
        public async Task Blob_larger_than_the_chunk_size_is_uploaded_in_chunks()
        {
            using var client = NewClient(chunkSize: 64 * 1024);
            var repository = _registries.Anonymous.Repository("chunked/app");
            var content = new byte[64 * 1024 * 3 + 17];
            new Random(7).NextBytes(content);
            var descriptor = TestImage.Describe("application/octet-stream", content);

            await client.PushBlobAsync(repository, descriptor, new MemoryStream(content), CancellationToken.None);

            var head = await client.HeadBlobAsync(repository, descriptor.Digest, CancellationToken.None);
            Assert.Equal(content.Length, head!.Size);
            Assert.Equal(content, await DownloadAsync(client, repository, descriptor));
        }

        [Fact]
        public async Task Chunked_upload_of_content_that_does_not_match_commits_nothing()
        {
            using var client = NewClient(chunkSize: 1024);
            var repository = _registries.Anonymous.Repository("chunked/bad");
            var content = new byte[5000];
            new Random(3).NextBytes(content);
            var descriptor = TestImage.Describe("application/octet-stream", content);
            content[4000] ^= 0xff;

            var error = await Assert.ThrowsAsync<ContentVerificationException>(
                () => client.PushBlobAsync(repository, descriptor, new MemoryStream(content), CancellationToken.None));

            Assert.Contains("nothing was uploaded", error.Message);
            Assert.Null(await client.HeadBlobAsync(repository, descriptor.Digest, CancellationToken.None));
        }

        [Fact]
        public async Task Blob_is_mounted_from_another_repository_without_upload()
        {
            using var client = NewClient();
            var source = _registries.Anonymous.Repository("mount/source");
            var target = _registries.Anonymous.Repository("mount/target");
            var content = new byte[] { 42, 43, 44 };
            var descriptor = TestImage.Describe("application/octet-stream", content);
            await client.PushBlobAsync(source, descriptor, new MemoryStream(content), CancellationToken.None);

            Assert.True(await client.MountBlobAsync(target, descriptor, source.Repository, CancellationToken.None));
            Assert.NotNull(await client.HeadBlobAsync(target, descriptor.Digest, CancellationToken.None));
            var absent = TestImage.Describe("application/octet-stream", new byte[] { 1 });
            Assert.False(await client.MountBlobAsync(target, absent, source.Repository, CancellationToken.None));
        }

        [Fact]
        public async Task Tags_of_a_real_registry_are_all_listed()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("tags/app");
            var image = TestImage.Create("tags");
            await image.PushAsync(client, repository, "a");
            foreach (var tag in new[] { "b", "c" })
            {
                await client.PutManifestAsync(repository.WithTag(tag), MediaTypes.OciManifest, image.ManifestBytes, CancellationToken.None);
            }

            var tags = await client.ListTagsAsync(repository, CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c" }, tags.OrderBy(t => t));
        }

        [Fact]
        public async Task Tags_are_listed_across_link_pages()
        {
            using var client = NewClient();
            // distribution 2.8 does not paginate tags, so this server answers as newer registries do.
            using var paging = new LoopbackProxy(0, request =>
            {
                var last = request.Target.Contains("last=b") ? "b" : request.Target.Contains("last=d") ? "d" : null;
                var (tags, link) = last switch
                {
                    null => ("\"a\",\"b\"", "</v2/paged/app/tags/list?n=2&last=b>; rel=\"next\""),
                    "b" => ("\"c\",\"d\"", "</v2/paged/app/tags/list?n=2&last=d>; rel=\"next\""),
                    _ => ("\"e\"", null),
                };
                var body = "{\"name\":\"paged/app\",\"tags\":[" + tags + "]}";
                return link == null
                    ? ProxyReply.Status(200, "OK", body, "application/json")
                    : ProxyReply.Status(200, "OK", body, "application/json", ("Link", link));
            });

            var listed = await client.ListTagsAsync(Reference.Parse($"{paging.Host}/paged/app"), pageSize: 2, CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c", "d", "e" }, listed);
            Assert.Equal(3, paging.Requests.Count);
        }

        [Fact]
        public async Task Deleted_manifest_is_gone()
        {
            using var client = NewClient();
            var repository = _registries.Anonymous.Repository("delete/app");
            var image = TestImage.Create("delete me");
            var pushed = await image.PushAsync(client, repository, "old");

            await client.DeleteManifestAsync(repository, pushed.Digest, CancellationToken.None);

            Assert.Null(await client.HeadManifestAsync(repository.WithDigest(pushed.Digest), CancellationToken.None));
        }
    }
}
