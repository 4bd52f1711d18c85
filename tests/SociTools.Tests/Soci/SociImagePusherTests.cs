using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Registry;
using Xunit;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Tests.Soci
{
    [Collection(RegistryCollection.Name)]
    public class SociImagePusherTests
    {
        private readonly RegistryFixture _registries;

        public SociImagePusherTests(RegistryFixture registries)
        {
            _registries = registries;
        }

        [Fact]
        public async Task Push_of_a_layer_that_does_not_match_its_digest_fails_and_puts_no_manifest()
        {
            var layer = TestLayer.Varied(31);
            var written = TestLayout.Create(TestLayout.NewFolder("push-corrupt"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            var blob = Path.Combine(written.Path, "blobs", "sha256", written.LayerDigests[0].Substring("sha256:".Length));
            var bytes = File.ReadAllBytes(blob);
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(blob, bytes);
            var layout = OciLayout.Open(written.Path);
            var image = await layout.ResolveImageAsync(null, CancellationToken.None);
            var platforms = await ImagePlatforms.SelectAsync(layout, image, PlatformSelection.All, CancellationToken.None);
            using var client = new RegistryClient(new RegistryClientOptions());
            var repository = new RegistryRepository(client, Reference.Parse($"{_registries.Anonymous.Host}/push-corrupt"));
            var pusher = new SociImagePusher(new SociIndexBuildOptions { MinLayerSize = 0, SpanSize = 1 << 20 });

            var error = await Assert.ThrowsAnyAsync<Exception>(() => pusher.PushAsync(layout, image, platforms, repository, "1.0", CancellationToken.None));

            Assert.Contains(written.LayerDigests[0], error.Message);
            Assert.False(await repository.ExistsAsync(image, CancellationToken.None));
        }
    }
}
