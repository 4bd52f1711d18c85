using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Conversion;
using SociTools.Core.Soci.Locating;

namespace SociTools.Tests.Soci
{
    public class SociLayoutIndexTests
    {
        [Fact]
        public void Writes_the_oci_dir_index_json_that_standalone_convert_leaves()
        {
            var converted = new Descriptor { MediaType = MediaTypes.OciIndex, Digest = Layer("converted", 1).Digest, Size = 1234 };
            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + converted.Digest + "\",\"size\":1234}]}",
                Text(SociLayoutIndex.ForConvertedImageJson(converted)));
        }

        [Fact]
        public void Adds_a_v1_index_as_an_untagged_entry_and_keeps_every_existing_entry()
        {
            var tagged = new Descriptor
            {
                MediaType = MediaTypes.OciManifest, Digest = Layer("image", 1).Digest, Size = 500,
                Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "latest" },
            };
            var layout = new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = { tagged } };
            var soci = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("soci", 1).Digest, Size = 900, ArtifactType = MediaTypes.SociIndexV1 };

            var updated = SociLayoutIndex.AddV1Index(layout, soci);
            var again = SociLayoutIndex.AddV1Index(updated, soci);

            Assert.Equal(new[] { tagged.Digest, soci.Digest }, updated.Manifests.Select(m => m.Digest));
            Assert.Equal("latest", updated.Manifests[0].Annotations!["org.opencontainers.image.ref.name"]);
            Assert.Equal(MediaTypes.SociIndexV1, updated.Manifests[1].ArtifactType);
            Assert.Equal(2, again.Manifests.Count);
            Assert.Single(layout.Manifests);
        }

        [Fact]
        public void Merging_a_referrer_never_drops_another_tools_referrer()
        {
            var signature = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("sig", 1).Digest, Size = 10, ArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json" };
            var sbom = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("sbom", 1).Digest, Size = 20, ArtifactType = "application/spdx+json" };
            var soci = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("soci", 1).Digest, Size = 30, ArtifactType = MediaTypes.SociIndexV1 };
            var existing = new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = { signature, sbom } };

            var merged = ReferrersIndex.MergeReferrersIndex(existing, soci);
            var mergedTwice = ReferrersIndex.MergeReferrersIndex(merged, soci);

            Assert.Equal(new[] { signature.Digest, sbom.Digest, soci.Digest }, merged.Manifests.Select(m => m.Digest));
            Assert.Equal(3, mergedTwice.Manifests.Count);
            Assert.Equal("application/spdx+json", merged.Manifests[1].ArtifactType);
        }

        [Fact]
        public void Merging_into_a_missing_fallback_index_creates_one()
        {
            var soci = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("soci", 1).Digest, Size = 30, ArtifactType = MediaTypes.SociIndexV1 };
            var created = ReferrersIndex.MergeReferrersIndex(null, soci);
            Assert.Equal(MediaTypes.OciIndex, created.MediaType);
            Assert.Equal(soci.Digest, created.Manifests.Single().Digest);
        }

        [Fact]
        public void Names_the_referrers_fallback_tag_after_the_subject_digest()
        {
            var subject = Layer("subject", 1).Digest;
            Assert.Equal("sha256-" + subject.Encoded, SociIndexLocator.ReferrersTagName(subject));
        }
    }
}
