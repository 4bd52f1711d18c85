using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Archives;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class DockerArchiveTests : IDisposable
    {
        private readonly TemporaryDirectory _temp = new TemporaryDirectory();

        public void Dispose() => _temp.Dispose();

        private string Output => _temp.Combine("out");

        private sealed class LegacyImage
        {
            public byte[] PlainLayer = TestImages.TarLayer(("etc/plain.txt", "plain"));
            public byte[] GzipLayer = TestImages.Gzip(TestImages.TarLayer(("etc/zipped.txt", "zipped")));
            public byte[] Config = Array.Empty<byte>();
        }

        // The pre-Docker-25 layout: <id>/layer.tar files, <config hex>.json, and manifest.json last.
        private LegacyImage WriteLegacyArchive(string path, bool linkDuplicateLayer = false, bool hardLink = false)
        {
            var image = new LegacyImage();
            image.Config = TestImages.Config("linux", "arm64", "v8", image.PlainLayer, TestImages.TarLayer(("etc/zipped.txt", "zipped")));
            var configName = Digest.Compute(image.Config).Encoded + ".json";
            var layers = linkDuplicateLayer ? "[\"aaa/layer.tar\",\"bbb/layer.tar\",\"ccc/layer.tar\"]" : "[\"aaa/layer.tar\",\"bbb/layer.tar\"]";
            using var tar = new TarArchiveBuilder(path);
            tar.Directory("aaa/").File("aaa/layer.tar", image.PlainLayer)
                .Directory("bbb/").File("bbb/layer.tar", image.GzipLayer)
                .File(configName, image.Config);
            if (linkDuplicateLayer && hardLink) tar.Directory("ccc/").HardLink("ccc/layer.tar", "aaa/layer.tar");
            else if (linkDuplicateLayer) tar.Directory("ccc/").Symlink("ccc/layer.tar", "../aaa/layer.tar");
            tar.File("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"example.com/team/app:1.0\"],\"Layers\":" + layers + "}]");
            return image;
        }

        [Fact]
        public async Task A_legacy_docker_save_becomes_an_oci_image_in_a_layout()
        {
            var archive = _temp.Combine("docker.tar");
            var image = WriteLegacyArchive(archive);

            var layout = await DockerArchive.ExtractAsync(archive, Output, CancellationToken.None);

            var descriptor = await layout.ResolveAsync("example.com/team/app:1.0", CancellationToken.None);
            var manifest = await layout.ReadManifestAsync(descriptor, CancellationToken.None);
            Assert.Equal(MediaTypes.OciManifest, descriptor.MediaType);
            Assert.Equal("linux/arm64/v8", descriptor.Platform!.ToString());
            Assert.Equal(MediaTypes.OciConfig, manifest.Config.MediaType);
            Assert.Equal(Digest.Compute(image.Config), manifest.Config.Digest);
            Assert.Equal(new[] { MediaTypes.OciLayerTar, MediaTypes.OciLayerGzip }, manifest.Layers.Select(l => l.MediaType));
            Assert.Equal(new[] { Digest.Compute(image.PlainLayer), Digest.Compute(image.GzipLayer) }, manifest.Layers.Select(l => l.Digest));
            Assert.Equal(image.GzipLayer, await layout.ReadAllBytesAsync(manifest.Layers[1], CancellationToken.None));
            Assert.Equal("1.0", descriptor.Annotation("org.opencontainers.image.ref.name"));
        }

        [Fact]
        public async Task Skopeo_reads_the_layout_made_from_a_docker_save()
        {
            var archive = _temp.Combine("docker.tar");
            WriteLegacyArchive(archive);
            await DockerArchive.ExtractAsync(archive, Output, CancellationToken.None);

            var inspected = await ExternalTool.RunAsync("skopeo", "inspect", "--raw", "oci:" + Output + ":1.0");

            Assert.Contains(MediaTypes.OciLayerGzip, inspected);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_layer_stored_once_and_linked_twice_is_used_for_both(bool hardLink)
        {
            var archive = _temp.Combine("docker.tar");
            var image = WriteLegacyArchive(archive, linkDuplicateLayer: true, hardLink);

            var layout = await DockerArchive.ExtractAsync(archive, Output, CancellationToken.None);

            var manifest = await layout.ReadManifestAsync(await layout.ResolveImageAsync(null), CancellationToken.None);
            Assert.Equal(3, manifest.Layers.Count);
            Assert.Equal(manifest.Layers[0].Digest, manifest.Layers[2].Digest);
            Assert.Equal(image.PlainLayer, await layout.ReadAllBytesAsync(manifest.Layers[2], CancellationToken.None));
        }

        [Fact]
        public async Task A_manifest_naming_a_missing_layer_is_reported_and_leaves_no_output()
        {
            var archive = _temp.Combine("docker.tar");
            var config = TestImages.Config("linux", "amd64", null);
            using (var tar = new TarArchiveBuilder(archive))
            {
                tar.File("c.json", config).File("manifest.json", "[{\"Config\":\"c.json\",\"RepoTags\":null,\"Layers\":[\"gone/layer.tar\"]}]");
            }

            var error = await Assert.ThrowsAsync<SociFormatException>(() => DockerArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("gone/layer.tar", error.Message);
            Assert.False(Directory.Exists(Output));
        }

        [Fact]
        public async Task A_docker_archive_made_by_skopeo_keeps_its_layers_and_config()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            raw.List(raw.AddImage("linux/amd64"), refName: "src");
            var archive = _temp.Combine("skopeo-docker.tar");
            await ExternalTool.RunAsync("skopeo", "copy", "oci:" + raw.Directory + ":src", "docker-archive:" + archive + ":registry.local/app:3");

            var source = await ImageSourceOpener.OpenAsync(archive, Output, CancellationToken.None);

            Assert.Equal(ImageSourceKind.DockerArchive, source.Kind);
            var descriptor = await source.Layout.ResolveImageAsync("registry.local/app:3");
            var manifest = await source.Layout.ReadManifestAsync(descriptor, CancellationToken.None);
            var config = await source.Layout.ReadAllBytesAsync(manifest.Config, CancellationToken.None);
            using var json = JsonDocument.Parse(config);
            var diffIds = json.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString());
            // skopeo stores layers uncompressed in a docker-archive, so each layer digest is its diff_id.
            Assert.Equal(diffIds, manifest.Layers.Select(l => l.Digest.ToString()));
            Assert.All(manifest.Layers, l => Assert.Equal(MediaTypes.OciLayerTar, l.MediaType));
            await ExternalTool.RunAsync("skopeo", "inspect", "oci:" + Output + ":3");
            await ExternalTool.RunAsync("umoci", "stat", "--json", "--image", Output + ":3");
        }

        [Fact]
        public async Task An_archive_holding_both_an_oci_layout_and_manifest_json_is_used_as_the_layout()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            raw.List(raw.AddImage("linux/amd64"), refName: "latest", containerdName: "docker.io/library/app:latest");
            File.WriteAllText(Path.Combine(raw.Directory, "manifest.json"), "[{\"Config\":\"missing.json\",\"RepoTags\":[\"app:latest\"],\"Layers\":[]}]");
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("finch-save.tar"));

            var source = await ImageSourceOpener.OpenAsync(archive, Output, CancellationToken.None);

            Assert.Equal(ImageSourceKind.OciArchive, source.Kind);
            Assert.Equal(File.ReadAllBytes(Path.Combine(raw.Directory, "index.json")), File.ReadAllBytes(Path.Combine(Output, "index.json")));
            await source.Layout.ResolveImageAsync("app:latest");
        }
    }
}
