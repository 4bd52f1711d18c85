using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    public class SociLayerPolicyTests
    {
        [Theory]
        [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", "gzip")]
        [InlineData("application/vnd.oci.image.layer.v1.tar", "uncompressed")]
        [InlineData("application/vnd.oci.image.layer.v1.tar+zstd", "zstd")]
        [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", "gzip")]
        [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar", "")]
        [InlineData("application/vnd.oci.image.layer.v1.tar+gzip+encrypted", "gzip")]
        [InlineData("application/vnd.docker.image.rootfs.diff.tar.gzip", "gzip")]
        [InlineData("application/vnd.docker.image.rootfs.diff.tar", "unknown")]
        [InlineData("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "gzip")]
        [InlineData("application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted", "")]
        public void Names_layer_compression_as_containerd_does(string mediaType, string expected)
        {
            Assert.Equal(expected, SociLayerPolicy.Compression(mediaType));
        }

        [Theory]
        [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", null)]
        [InlineData("application/vnd.docker.image.rootfs.diff.tar", null)]
        [InlineData("application/vnd.oci.image.layer.v1.tar", null)]
        [InlineData("application/vnd.oci.image.layer.v1.tar+zstd", "is compressed in an unsupported format. expect: [tar, gzip, unknown] but got \"zstd\"")]
        [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar", "is compressed in an unsupported format. expect: [tar, gzip, unknown] but got \"\"")]
        [InlineData("application/vnd.amazon.soci.prefetch.v1+json", "is a SOCI prefetch artifact, not an image layer")]
        public void Gives_socis_skip_reason_for_each_layer_kind(string mediaType, string? expected)
        {
            Assert.Equal(expected, SociLayerPolicy.SkipReason(Layer("l", 64 * MiB, mediaType), SociIndexFormat.DefaultMinLayerSize));
        }

        [Fact]
        public void Checks_the_media_type_before_the_size()
        {
            var error = Assert.Throws<SociFormatException>(() => SociLayerPolicy.SkipReason(Layer("cfg", 1, MediaTypes.OciConfig), SociIndexFormat.DefaultMinLayerSize));
            Assert.Contains("not a layer media type", error.Message);
        }
    }
}
