using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Locating;

namespace SociTools.Tests.Soci
{
    public class SociIndexLocatorTests
    {
        private readonly InMemoryContentStore _store = new InMemoryContentStore();

        private async Task<(Descriptor Manifest, Descriptor V1, Descriptor V2)> ImageWithBothIndexes(bool annotateV2)
        {
            var layer = Layer("loc", 20 * MiB);
            var plain = Manifest(layer);
            var v2 = await BuildIndex(plain, SociIndexVersion.V2, DescriptorOf(plain));
            var manifest = Manifest(layer);
            if (annotateV2) manifest.Annotations = new Dictionary<string, string> { [SociAnnotations.IndexDigest] = v2.Digest.ToString() };
            var manifestDescriptor = _store.AddManifest(manifest);
            var v1 = await BuildIndex(manifest, SociIndexVersion.V1, manifestDescriptor);
            return (manifestDescriptor, v1, v2);
        }

        private async Task<Descriptor> BuildIndex(Manifest manifest, SociIndexVersion version, Descriptor manifestDescriptor)
        {
            var built = await new SociIndexBuilder(new SociIndexBuildOptions { IndexVersion = version }).BuildAsync(manifestDescriptor, manifest,
                (l, t) => Task.FromResult(ZtocFor(l)), null, CancellationToken.None);
            var stored = _store.Add(MediaTypes.OciManifest, built.IndexBytes);
            stored.ArtifactType = built.IndexDescriptor.ArtifactType;
            return stored;
        }

        private static SociIndexLocator.ReferrersLister Referrers(params Descriptor[] referrers) =>
            (subject, artifactType, token) => Task.FromResult<IReadOnlyList<Descriptor>>(referrers.ToList());

        [Fact]
        public async Task Prefers_the_v2_annotation_over_v1_referrers_and_resolves_the_index_size()
        {
            var (manifest, v1, v2) = await ImageWithBothIndexes(annotateV2: true);
            var location = await new SociIndexLocator(_store, _store, Referrers(v1)).LocateAsync(manifest, null, CancellationToken.None);

            Assert.Equal(SociIndexSource.V2Annotation, location!.Source);
            Assert.Equal(v2.Digest, location.IndexDescriptor.Digest);
            Assert.Equal(v2.Size, location.IndexDescriptor.Size);
            Assert.Equal(SociIndexVersion.V2, location.Index.Version);
            Assert.Equal("using soci v2 index annotation", location.SnapshotterLogMessage);
            Assert.Equal(new[] { v2.Digest.ToString() }, _store.Resolved);
        }

        [Fact]
        public async Task Falls_back_to_the_first_v1_referrer_when_the_manifest_has_no_annotation()
        {
            var (manifest, v1, _) = await ImageWithBothIndexes(annotateV2: false);
            var other = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("sig", 1).Digest, Size = 5, ArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json" };
            var location = await new SociIndexLocator(_store, _store, Referrers(other, v1)).LocateAsync(manifest, null, CancellationToken.None);

            Assert.Equal(SociIndexSource.V1Referrers, location!.Source);
            Assert.Equal(v1.Digest, location.IndexDescriptor.Digest);
            Assert.Equal(manifest.Digest, location.Index.Subject!.Digest);
            Assert.Equal("using soci v1 index via referrers API", location.SnapshotterLogMessage);
        }

        [Fact]
        public async Task Uses_a_provided_index_digest_before_anything_else()
        {
            var (manifest, v1, _) = await ImageWithBothIndexes(annotateV2: true);
            var location = await new SociIndexLocator(_store, _store, Referrers()).LocateAsync(manifest, v1.Digest, CancellationToken.None);
            Assert.Equal(SociIndexSource.ProvidedDigest, location!.Source);
            Assert.Equal(SociIndexVersion.V1, location.Index.Version);
        }

        [Fact]
        public async Task Defers_to_the_runtime_when_v1_is_off_as_in_the_snapshotter_defaults()
        {
            var (manifest, v1, _) = await ImageWithBothIndexes(annotateV2: false);
            var location = await new SociIndexLocator(_store, _store, Referrers(v1), SociIndexLocatorOptions.SnapshotterDefaults()).LocateAsync(manifest, null, CancellationToken.None);
            Assert.Null(location);
        }

        [Fact]
        public async Task Reports_a_malformed_index_digest_annotation()
        {
            var manifest = Manifest(Layer("bad", 1));
            manifest.Annotations = new Dictionary<string, string> { [SociAnnotations.IndexDigest] = "sha256:nope" };
            var descriptor = _store.AddManifest(manifest);
            var error = await Assert.ThrowsAsync<SociFormatException>(() => new SociIndexLocator(_store, _store).LocateAsync(descriptor, null, CancellationToken.None));
            Assert.Contains("'sha256:nope', which is not a digest", error.Message);
        }

        [Fact]
        public async Task Lists_v1_referrers_from_the_sha256_dash_hex_fallback_tag_filtered_by_artifact_type()
        {
            var (manifest, v1, _) = await ImageWithBothIndexes(annotateV2: false);
            var signature = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("sig", 1).Digest, Size = 5, ArtifactType = "application/vnd.example.sig" };
            var requestedTags = new List<string>();
            var lister = SociIndexLocator.ReferrersFromTagSchema((tag, token) =>
            {
                requestedTags.Add(tag);
                return Task.FromResult<ImageIndex?>(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = { signature, v1 } });
            });

            var location = await new SociIndexLocator(_store, _store, lister).LocateAsync(manifest, null, CancellationToken.None);

            Assert.Equal(new[] { "sha256-" + manifest.Digest.Encoded }, requestedTags);
            Assert.Equal(v1.Digest, location!.IndexDescriptor.Digest);
        }

        [Fact]
        public async Task Finds_a_v1_index_for_a_manifest_in_a_layout_index()
        {
            var (manifest, v1, v2) = await ImageWithBothIndexes(annotateV2: false);
            var unrelatedV1 = await BuildIndex(Manifest(Layer("other", 20 * MiB)), SociIndexVersion.V1, DescriptorOf(Manifest(Layer("other", 20 * MiB))));
            var layout = new ImageIndex
            {
                MediaType = MediaTypes.OciIndex,
                Manifests =
                {
                    manifest,
                    new Descriptor { MediaType = MediaTypes.OciManifest, Digest = unrelatedV1.Digest, Size = unrelatedV1.Size, ArtifactType = MediaTypes.SociIndexV1 },
                    new Descriptor { MediaType = MediaTypes.OciManifest, Digest = v2.Digest, Size = v2.Size },
                    new Descriptor { MediaType = MediaTypes.OciManifest, Digest = v1.Digest, Size = v1.Size },
                },
            };

            var found = await SociIndexLocator.FindV1InLayoutAsync(layout, manifest.Digest, _store, CancellationToken.None);

            Assert.Equal(v1.Digest, found!.Digest);
            Assert.Null(await SociIndexLocator.FindV1InLayoutAsync(layout, Layer("missing", 1).Digest, _store, CancellationToken.None));
        }
    }
}
