using System.Collections.Generic;
using System.Text;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Serialization
{
    public class OciJsonTests
    {
        private const string EmptyConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
        private static readonly string LayerDigest = "sha256:" + new string('a', 64);
        private static readonly string ZtocDigest = "sha256:" + new string('b', 64);
        private static readonly string ManifestDigest = "sha256:" + new string('c', 64);

        private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

        [Fact]
        public void Serializes_a_v1_soci_index_exactly_as_the_spec_example()
        {
            var index = new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.SociIndexV1, Digest = Digest.Parse(EmptyConfigDigest), Size = 2 },
                Layers =
                {
                    new Descriptor
                    {
                        MediaType = "application/octet-stream", Digest = Digest.Parse(ZtocDigest), Size = 1234,
                        Annotations = new Dictionary<string, string>
                        {
                            ["com.amazon.soci.span-size"] = "4194304",
                            ["com.amazon.soci.image-layer-mediaType"] = MediaTypes.OciLayerGzip,
                            ["com.amazon.soci.image-layer-digest"] = LayerDigest,
                        },
                    },
                },
                Subject = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Parse(ManifestDigest), Size = 987 },
                Annotations = new Dictionary<string, string> { ["com.amazon.soci.build-tool-identifier"] = "AWS SOCI CLI v0.2" },
            };

            var expected =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                "\"config\":{\"mediaType\":\"application/vnd.amazon.soci.index.v1+json\",\"digest\":\"" + EmptyConfigDigest + "\",\"size\":2}," +
                "\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + ZtocDigest + "\",\"size\":1234," +
                "\"annotations\":{\"com.amazon.soci.image-layer-digest\":\"" + LayerDigest + "\"," +
                "\"com.amazon.soci.image-layer-mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\"," +
                "\"com.amazon.soci.span-size\":\"4194304\"}}]," +
                "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ManifestDigest + "\",\"size\":987}," +
                "\"annotations\":{\"com.amazon.soci.build-tool-identifier\":\"AWS SOCI CLI v0.2\"}}";
            Assert.Equal(expected, Text(OciJson.Serialize(index)));
        }

        [Fact]
        public void Descriptor_keeps_go_field_order_and_omits_only_empty_optional_fields()
        {
            var full = new Descriptor
            {
                MediaType = MediaTypes.OciManifest, Digest = Digest.Parse(ManifestDigest), Size = 5,
                Urls = new List<string> { "https://example.com/x" },
                Annotations = new Dictionary<string, string> { ["k"] = "v" },
                Data = new byte[] { 1, 2, 3 },
                Platform = new Platform { Os = "linux", Architecture = "arm64", OsVersion = "10.0", OsFeatures = new List<string> { "f" }, Variant = "v8" },
                ArtifactType = MediaTypes.SociIndexV2,
            };
            Assert.Equal(
                "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ManifestDigest + "\",\"size\":5," +
                "\"urls\":[\"https://example.com/x\"],\"annotations\":{\"k\":\"v\"},\"data\":\"AQID\"," +
                "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"os.version\":\"10.0\",\"os.features\":[\"f\"],\"variant\":\"v8\"}," +
                "\"artifactType\":\"application/vnd.amazon.soci.index.v2+json\"}",
                Text(OciJson.Serialize(full)));

            var sparse = new Descriptor { Urls = new List<string>(), Annotations = new Dictionary<string, string>(), Data = new byte[0] };
            Assert.Equal("{\"mediaType\":\"\",\"digest\":\"\",\"size\":0}", Text(OciJson.Serialize(sparse)));
        }

        [Fact]
        public void Index_keeps_go_field_order_and_writes_empty_manifests_as_an_array()
        {
            var index = new ImageIndex
            {
                MediaType = MediaTypes.OciIndex,
                ArtifactType = "application/x",
                Subject = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Parse(ManifestDigest), Size = 1 },
                Annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" },
            };
            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"artifactType\":\"application/x\",\"manifests\":[]," +
                "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ManifestDigest + "\",\"size\":1}," +
                "\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}",
                Text(OciJson.Serialize(index)));
        }

        [Fact]
        public void Rewrites_a_docker_manifest_list_in_go_order_with_platform_details()
        {
            var dockerList =
                "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n  \"manifests\": [\n" +
                "    {\"digest\": \"" + ManifestDigest + "\", \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\", \"size\": 528,\n" +
                "     \"platform\": {\"variant\": \"v7\", \"os\": \"linux\", \"architecture\": \"arm\", \"features\": [\"sse4\"]}}\n  ]\n}\n";
            var index = OciJson.ReadIndex(Encoding.UTF8.GetBytes(dockerList));

            Assert.Equal(MediaTypes.DockerManifestList, index.MediaType);
            Assert.Equal("linux/arm/v7", index.Manifests[0].Platform!.ToString());
            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":[" +
                "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + ManifestDigest + "\",\"size\":528," +
                "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}",
                Text(OciJson.Serialize(index)));
        }

        [Fact]
        public void Reads_a_docker_manifest_and_round_trips_go_written_bytes_exactly()
        {
            var goBytes =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"," +
                "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + ManifestDigest + "\",\"size\":1469}," +
                "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + LayerDigest + "\",\"size\":2479}]," +
                "\"annotations\":{\"note\":\"\\u003chtml\\u003e \\u2028 é\"}}";
            var manifest = OciJson.ReadManifest(Encoding.UTF8.GetBytes(goBytes));

            Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
            Assert.Equal(2479, manifest.Layers[0].Size);
            Assert.Equal("<html> \u2028 é", manifest.Annotations!["note"]);
            Assert.Equal(goBytes, Text(OciJson.Serialize(manifest)));
        }

        [Fact]
        public void Reads_a_descriptor_with_embedded_data()
        {
            var descriptor = OciJson.ReadDescriptor(Encoding.UTF8.GetBytes(
                "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + EmptyConfigDigest + "\",\"size\":2,\"data\":\"e30=\"}"));
            Assert.Equal("{}", Encoding.ASCII.GetString(descriptor.Data!));
            Assert.Equal(EmptyConfigDigest, descriptor.Digest.ToString());
        }

        [Fact]
        public void Reads_the_platform_from_an_image_config()
        {
            var config = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}";
            var platform = OciJson.ReadConfigPlatform(Encoding.UTF8.GetBytes(config));
            Assert.Equal("linux/arm64/v8", platform!.ToString());
            Assert.Null(OciJson.ReadConfigPlatform(Encoding.UTF8.GetBytes("{\"rootfs\":{}}")));
        }

        [Theory]
        [InlineData("{\"schemaVersion\":2,", "not valid JSON")]
        [InlineData("[1,2]", "must be a JSON object but is an array")]
        [InlineData("{\"schemaVersion\":2,\"layers\":[{\"size\":\"12\"}]}", "'layers[0].size' must be a whole number but is a string")]
        [InlineData("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:abc\"}}", "'config.digest' is 'sha256:abc', which is not a digest")]
        [InlineData("{\"schemaVersion\":1,\"fsLayers\":[]}", "Docker schema 1")]
        [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}", "is an image index")]
        public void Reports_malformed_manifests_with_a_clear_format_error(string json, string expectedMessage)
        {
            var error = Assert.Throws<SociFormatException>(() => OciJson.ReadManifest(Encoding.UTF8.GetBytes(json)));
            Assert.Contains(expectedMessage, error.Message);
        }

        [Fact]
        public void Reads_invalid_utf8_bytes_as_replacement_characters_as_go_does()
        {
            var json = new List<byte>(Encoding.UTF8.GetBytes("{\"manifests\":[],\"annotations\":{\"k\":\"a"));
            json.AddRange(new byte[] { 0xFF, 0xC3 });
            json.AddRange(Encoding.UTF8.GetBytes("b\"}}"));
            var index = OciJson.ReadIndex(json.ToArray());
            Assert.Equal("a\uFFFD\uFFFDb", index.Annotations!["k"]);
        }

        [Fact]
        public void Reads_an_escaped_lone_surrogate_as_a_replacement_character_as_go_does()
        {
            var index = OciJson.ReadIndex(Encoding.UTF8.GetBytes("{\"manifests\":[],\"annotations\":{\"k\":\"x\\ud800y\"}}"));
            Assert.Equal("x\uFFFDy", index.Annotations!["k"]);
        }
    }
}
