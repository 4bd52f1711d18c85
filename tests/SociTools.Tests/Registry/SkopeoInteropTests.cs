using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class SkopeoInteropTests
    {
        private readonly RegistryFixture _registries;

        public SkopeoInteropTests(RegistryFixture registries) => _registries = registries;

        [Fact]
        public async Task Skopeo_sees_the_exact_manifest_the_client_pushed()
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository("interop/pushed");
            var image = TestImage.Create("seen by skopeo");
            await image.PushAsync(client, repository, "v1");

            var raw = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", $"docker://{repository.WithTag("v1")}");

            Assert.Equal(image.ManifestBytes, raw);
        }

        [Fact]
        public async Task Image_copied_by_skopeo_is_read_and_verified_by_the_client()
        {
            using var client = new RegistryClient();
            var source = _registries.Anonymous.Repository("interop/source");
            var target = _registries.Anonymous.Repository("interop/copied");
            var image = TestImage.Create("copied by skopeo", fileSize: 100_000);
            await image.PushAsync(client, source, "v1");
            var layout = Path.Combine(Path.GetTempPath(), "socitools-skopeo-" + Guid.NewGuid().ToString("N"));
            try
            {
                await Skopeo.RunAsync("copy", "--insecure-policy", "--src-tls-verify=false", $"docker://{source.WithTag("v1")}", $"oci:{layout}:v1");
                await Skopeo.RunAsync("copy", "--insecure-policy", "--dest-tls-verify=false", $"oci:{layout}:v1", $"docker://{target.WithTag("v1")}");

                var fetched = await client.GetManifestAsync(target.WithTag("v1"), CancellationToken.None);
                var manifest = OciJson.ReadManifest(fetched.Bytes);
                foreach (var blob in new[] { manifest.Config, manifest.Layers[0] })
                {
                    using var stream = await client.OpenBlobAsync(target, blob, CancellationToken.None);
                    var copy = new MemoryStream();
                    await stream.CopyToAsync(copy);
                    Assert.Equal(blob.Size, copy.Length);
                }
                Assert.Equal(image.LayerDescriptor.Digest, manifest.Layers[0].Digest);
                Assert.Equal(image.ManifestDescriptor.Digest, fetched.Descriptor.Digest);
            }
            finally
            {
                if (Directory.Exists(layout)) Directory.Delete(layout, recursive: true);
            }
        }
    }
}
