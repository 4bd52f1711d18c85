using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    public class SociIndexReaderTests
    {
        private static async Task<(SociIndexBuildResult Built, Descriptor ManifestDescriptor, Descriptor[] Layers)> Build(SociIndexVersion version)
        {
            var layers = new[] { Layer("r1", 20 * MiB), Layer("r2", 1), Layer("r3", 30 * MiB, MediaTypes.OciLayerTar) };
            var manifest = Manifest(layers);
            var descriptor = DescriptorOf(manifest);
            var built = await new SociIndexBuilder(new SociIndexBuildOptions { IndexVersion = version, XattrOptimization = true }).BuildAsync(descriptor, manifest,
                (layer, token) => Task.FromResult(ZtocFor(layer, disableXattrs: layer.Digest == layers[2].Digest)), null, CancellationToken.None);
            return (built, descriptor, layers);
        }

        [Fact]
        public async Task Reads_back_a_v1_index_with_its_subject_and_layer_digests()
        {
            var (built, manifestDescriptor, layers) = await Build(SociIndexVersion.V1);
            var index = SociIndexReader.Read(built.IndexBytes);

            Assert.Equal(SociIndexVersion.V1, index.Version);
            Assert.Equal(manifestDescriptor.Digest, index.Subject!.Digest);
            Assert.Equal(new[] { layers[0].Digest, layers[2].Digest }, index.Ztocs.Select(z => z.LayerDigest));
            Assert.Equal(built.Ztocs.Select(z => z.Digest), index.Ztocs.Select(z => z.Ztoc.Digest));
            Assert.Equal(new long?[] { 4194304, 4194304 }, index.Ztocs.Select(z => z.SpanSize));
            Assert.Equal(new[] { false, true }, index.Ztocs.Select(z => z.DisableXattrs));
            Assert.Equal(MediaTypes.OciLayerTar, index.Ztocs[1].LayerMediaType);
            Assert.Equal("AWS SOCI CLI v0.2", index.BuildToolIdentifier);
            Assert.True(index.SurvivesSnapshotterReencoding);
        }

        [Fact]
        public async Task Reads_back_a_v2_index_without_subject()
        {
            var (built, _, _) = await Build(SociIndexVersion.V2);
            var index = SociIndexReader.Read(built.IndexBytes);
            Assert.Equal(SociIndexVersion.V2, index.Version);
            Assert.Null(index.Subject);
            Assert.True(index.SurvivesSnapshotterReencoding);
        }

        [Theory]
        [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.amazon.soci.index.v2+json\",")]
        [InlineData("{\"schemaVersion\": 2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",")]
        [InlineData("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",")]
        public void Flags_an_index_the_snapshotter_would_re_encode_to_different_bytes(string prefix)
        {
            var json = prefix +
                "\"config\":{\"mediaType\":\"application/vnd.amazon.soci.index.v2+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}," +
                "\"layers\":[]}";
            Assert.False(SociIndexReader.Read(Encoding.UTF8.GetBytes(json)).SurvivesSnapshotterReencoding);
        }

        [Fact]
        public void Rejects_a_manifest_whose_config_is_not_a_soci_index_type()
        {
            var bytes = OciJson.Serialize(Manifest(Layer("x", 1)));
            var error = Assert.Throws<SociFormatException>(() => SociIndexReader.Read(bytes));
            Assert.Contains("not a SOCI index", error.Message);
            Assert.Contains(MediaTypes.OciConfig, error.Message);
        }

        [Theory]
        [InlineData("True", true)]
        [InlineData("1", true)]
        [InlineData("t", true)]
        [InlineData("yes", false)]
        [InlineData("false", false)]
        public void Reads_disable_xattrs_as_go_parse_bool_does(string value, bool expected)
        {
            var index = new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = SociIndexFormat.ConfigDescriptor(SociIndexVersion.V2),
                Layers =
                {
                    new Descriptor
                    {
                        MediaType = MediaTypes.SociZtoc, Digest = Layer("z", 1).Digest, Size = 10,
                        Annotations = new Dictionary<string, string> { [SociAnnotations.ImageLayerDigest] = Layer("l", 1).Digest.ToString(), [SociAnnotations.DisableXattrs] = value },
                    },
                },
            };
            Assert.Equal(expected, SociIndexReader.Read(OciJson.Serialize(index)).Ztocs.Single().DisableXattrs);
        }
    }
}
