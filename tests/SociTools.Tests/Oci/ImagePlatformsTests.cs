using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class ImagePlatformsTests : IDisposable
    {
        private readonly TemporaryDirectory _temp = new TemporaryDirectory();
        private readonly RawLayout _raw;

        public ImagePlatformsTests()
        {
            _raw = new RawLayout(_temp.Path);
        }

        public void Dispose() => _temp.Dispose();

        private OciLayout Layout => OciLayout.Open(_raw.Directory);

        private Descriptor WithPlatform(Descriptor manifest, string platform, IDictionary<string, string>? annotations = null) =>
            new Descriptor { MediaType = manifest.MediaType, Digest = manifest.Digest, Size = manifest.Size, Platform = Platform.Parse(platform), Annotations = annotations };

        private Descriptor MultiPlatformIndex(string mediaType = MediaTypes.OciIndex)
        {
            var amd64 = _raw.AddImage("linux/amd64");
            var arm64 = _raw.AddImage("linux/arm64");
            var attestation = _raw.AddImage("linux/amd64", "attestation");
            return _raw.AddIndex(mediaType,
                WithPlatform(amd64, "linux/amd64"),
                WithPlatform(arm64, "linux/arm64/v8"),
                WithPlatform(attestation, "unknown/unknown", new Dictionary<string, string>
                {
                    ["vnd.docker.reference.type"] = "attestation-manifest",
                    ["vnd.docker.reference.digest"] = amd64.Digest.ToString(),
                }));
        }

        [Fact]
        public async Task All_platforms_of_an_index_skip_attestations()
        {
            var index = MultiPlatformIndex();

            var selected = await ImagePlatforms.SelectAsync(Layout, index, PlatformSelection.All, CancellationToken.None);

            Assert.Equal(new[] { "linux/amd64", "linux/arm64/v8" }, selected.Select(s => s.Platform!.ToString()));
            Assert.All(selected, s => Assert.Single(s.Manifest.Layers));
        }

        [Fact]
        public async Task A_requested_platform_picks_its_manifest_from_a_docker_manifest_list()
        {
            var list = MultiPlatformIndex(MediaTypes.DockerManifestList);

            var selected = await ImagePlatforms.SelectAsync(Layout, list, PlatformSelection.For(Platform.Parse("linux/aarch64")), CancellationToken.None);

            Assert.Equal("linux/arm64/v8", Assert.Single(selected).Platform!.ToString());
        }

        [Fact]
        public async Task A_platform_the_index_lacks_is_reported_with_the_ones_it_has()
        {
            var index = MultiPlatformIndex();

            var error = await Assert.ThrowsAsync<SociFormatException>(() =>
                ImagePlatforms.SelectAsync(Layout, index, PlatformSelection.For(Platform.Parse("linux/s390x")), CancellationToken.None));

            Assert.Contains("no manifest for linux/s390x", error.Message);
            Assert.Contains("linux/amd64, linux/arm64/v8", error.Message);
            Assert.DoesNotContain("unknown", error.Message);
        }

        [Fact]
        public async Task A_single_manifest_takes_its_platform_from_the_config_and_serves_the_default()
        {
            var manifest = _raw.AddImage("linux/s390x");

            var selected = await ImagePlatforms.SelectAsync(Layout, manifest, PlatformSelection.Default, CancellationToken.None);

            Assert.Equal("linux/s390x", Assert.Single(selected).Platform!.ToString());
        }

        [Fact]
        public async Task A_single_manifest_for_another_platform_than_requested_is_refused()
        {
            var manifest = _raw.AddImage("linux/s390x");

            var error = await Assert.ThrowsAsync<SociFormatException>(() =>
                ImagePlatforms.SelectAsync(Layout, manifest, PlatformSelection.For(Platform.Parse("linux/amd64")), CancellationToken.None));

            Assert.Contains("it has linux/s390x", error.Message);
        }

        [Fact]
        public async Task An_index_entry_without_a_platform_is_placed_by_its_config()
        {
            var arm = _raw.AddImage("linux/arm/v7");
            var index = _raw.AddIndex(MediaTypes.OciIndex, arm);

            var selected = await ImagePlatforms.SelectAsync(Layout, index, PlatformSelection.For(Platform.Parse("linux/arm64")), CancellationToken.None);

            Assert.Equal("linux/arm/v7", Assert.Single(selected).Platform!.ToString());
        }

        [Fact]
        public async Task Platforms_whose_manifests_are_not_in_the_layout_are_skipped()
        {
            var amd64 = _raw.AddImage("linux/amd64");
            var absent = new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                Digest = Digest.Compute(new byte[] { 1, 2, 3 }),
                Size = 3,
                Platform = Platform.Parse("linux/arm64"),
            };
            var index = _raw.AddIndex(MediaTypes.OciIndex, WithPlatform(amd64, "linux/amd64"), absent);

            var selected = await ImagePlatforms.SelectAsync(Layout, index, PlatformSelection.All, CancellationToken.None);

            Assert.Equal(amd64.Digest, Assert.Single(selected).Descriptor.Digest);
        }

        [Fact]
        public async Task Several_requested_platforms_each_get_their_manifest()
        {
            var index = MultiPlatformIndex();

            var selected = await ImagePlatforms.SelectAsync(Layout, index,
                PlatformSelection.For(Platform.Parse("linux/arm64"), Platform.Parse("linux/amd64")), CancellationToken.None);

            Assert.Equal(new[] { "linux/arm64/v8", "linux/amd64" }, selected.Select(s => s.Platform!.ToString()));
        }
    }
}
