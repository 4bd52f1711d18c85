using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class RegistryRepositoryTests
    {
        private readonly RegistryFixture _registries;

        public RegistryRepositoryTests(RegistryFixture registries) => _registries = registries;

        private static async Task<byte[]> ReadAllAsync(IContentReader store, Descriptor descriptor)
        {
            using var stream = await store.OpenAsync(descriptor, CancellationToken.None);
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }

        [Fact]
        public async Task Store_pushes_blobs_and_manifests_then_resolves_tags_and_reads_them_back()
        {
            using var client = new RegistryClient();
            IOciStore store = new RegistryRepository(client, _registries.Anonymous.Repository("store/app"));
            var image = TestImage.Create("store");

            await store.PushAsync(image.LayerDescriptor, new MemoryStream(image.Layer), CancellationToken.None);
            await store.PushAsync(image.ConfigDescriptor, new MemoryStream(image.Config), CancellationToken.None);
            await store.PushAsync(image.ManifestDescriptor, new MemoryStream(image.ManifestBytes), CancellationToken.None);
            await store.TagAsync(image.ManifestDescriptor, "release", CancellationToken.None);

            var resolved = await store.ResolveAsync("release", CancellationToken.None);
            Assert.Equal(image.ManifestDescriptor.Digest, resolved.Digest);
            Assert.Equal(MediaTypes.OciManifest, resolved.MediaType);
            Assert.Equal(image.ManifestBytes, await ReadAllAsync(store, resolved));
            Assert.Equal(image.Layer, await ReadAllAsync(store, image.LayerDescriptor));
            Assert.True(await store.ExistsAsync(image.ConfigDescriptor, CancellationToken.None));
            Assert.True(await store.ExistsAsync(image.ManifestDescriptor, CancellationToken.None));
            Assert.Equal(image.ManifestDescriptor.Digest, (await store.ResolveAsync(image.ManifestDescriptor.Digest.ToString(), CancellationToken.None)).Digest);
        }

        [Fact]
        public async Task Store_reports_absent_content_and_unknown_tags_clearly()
        {
            using var client = new RegistryClient();
            var store = new RegistryRepository(client, _registries.Anonymous.Repository("store/empty"));
            var absent = TestImage.Describe("application/octet-stream", new byte[] { 7 });

            Assert.False(await store.ExistsAsync(absent, CancellationToken.None));
            var error = await Assert.ThrowsAsync<RegistryException>(() => store.ResolveAsync("nope", CancellationToken.None));
            Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
            Assert.Contains("store/empty:nope", error.Message);
        }

        [Fact]
        public async Task Store_refuses_a_manifest_whose_bytes_are_not_the_descriptor()
        {
            using var client = new RegistryClient();
            var store = new RegistryRepository(client, _registries.Anonymous.Repository("store/refuse"));
            var image = TestImage.Create("refuse");
            var tampered = (byte[])image.ManifestBytes.Clone();
            tampered[tampered.Length - 2] = (byte)' ';

            await Assert.ThrowsAsync<ContentVerificationException>(
                () => store.PushAsync(image.ManifestDescriptor, new MemoryStream(tampered), CancellationToken.None));
        }
    }
}
