using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using Xunit;
using SociTools.Core.Soci.Locating;

namespace SociTools.Tests.Soci
{
    [Collection(RegistryCollection.Name)]
    public class RegistrySociIndexesTests
    {
        private readonly RegistryFixture _registries;

        public RegistrySociIndexesTests(RegistryFixture registries) => _registries = registries;

        [Fact]
        public async Task Lists_every_index_of_a_manifest_the_v2_annotation_first_then_v1_referrers()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci-core/both"), seed: 31);
            var built = image.Index(session, "V2");
            await image.PushImageWithClientAsync(client);
            var enabledIndex = OciJson.ReadIndex(File.ReadAllBytes(image.BlobPath((string)built.SociEnabledImageDigest)));
            var rewritten = enabledIndex.Manifests.Single(m => m.ArtifactType == null);
            var v1Digest = await PushV1CopyAsync(client, image, (string)built.Digest, rewritten);

            var platforms = await RegistrySociIndexes.ListAsync(client, image.Image, PlatformSelection.Default, CancellationToken.None);

            var platform = Assert.Single(platforms);
            Assert.Equal(rewritten.Digest, platform.Manifest.Descriptor.Digest);
            Assert.Equal(new[] { (string)built.Digest, v1Digest.ToString() }, platform.Indexes.Select(i => i.Descriptor.Digest.ToString()));
            Assert.Equal(new[] { SociIndexFoundBy.V2Annotation, SociIndexFoundBy.ReferrersTag }, platform.Indexes.Select(i => i.FoundBy));
            Assert.Equal((string)built.SociEnabledImageDigest, platform.Indexes[0].SociEnabledImage!.Digest.ToString());
            Assert.Null(platform.Indexes[1].SociEnabledImage);
            Assert.False(platform.HasOnlyV1);
            Assert.Null(platform.MissingAnnotatedIndex);
        }

        [Fact]
        public async Task Finds_a_v2_index_that_only_the_image_index_lists()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci-core/listed"), seed: 32);
            var built = image.Index(session, "V2");
            var enabledIndex = OciJson.ReadIndex(File.ReadAllBytes(image.BlobPath((string)built.SociEnabledImageDigest)));
            var listedIndex = enabledIndex.Manifests.Single(m => m.ArtifactType == MediaTypes.SociIndexV2);
            listedIndex.Annotations = new Dictionary<string, string> { [SociAnnotations.ImageManifestDigest] = image.Layout.ManifestDigest };
            var original = new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                Digest = Digest.Parse(image.Layout.ManifestDigest),
                Size = new FileInfo(image.BlobPath(image.Layout.ManifestDigest)).Length,
                Platform = new Platform { Os = "linux", Architecture = "amd64" },
            };
            var unannotated = OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = new List<Descriptor> { original, listedIndex } });
            var root = new Descriptor { MediaType = MediaTypes.OciIndex, Digest = Digest.Parse(Fixtures.TestLayout.WriteBlob(image.Layout.Path, unannotated)), Size = unannotated.Length };
            await image.PushGraphAsync(client, root);

            var platforms = await RegistrySociIndexes.ListAsync(client, image.Image, PlatformSelection.Default, CancellationToken.None);

            var found = Assert.Single(Assert.Single(platforms).Indexes);
            Assert.Equal(SociIndexFoundBy.ImageIndex, found.FoundBy);
            Assert.Equal((string)built.Digest, found.Descriptor.Digest.ToString());
            Assert.Equal(image.Layout.ManifestDigest, found.ImageManifest.Descriptor.Digest.ToString());
            Assert.Equal(root.Digest, found.SociEnabledImage!.Digest);
        }

        [Fact]
        public async Task Says_referrers_API_when_the_registry_answers_it()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci-core/api"), seed: 33);
            var built = await image.IndexAndPushV1Async(session, client);
            var listing = (await client.GetManifestAsync(image.Repository.WithTag("sha256-" + image.Layout.ManifestDigest.Substring(7)), CancellationToken.None)).Bytes;
            using var referrersApi = new LoopbackProxy(_registries.Anonymous.Port, request =>
                request.Method == "GET" && request.Path.Contains("/referrers/")
                    ? ProxyReply.Status(200, "OK", Encoding.UTF8.GetString(listing), MediaTypes.OciIndex)
                    : null);
            var throughApi = Reference.Parse($"{referrersApi.Host}/{image.Repository.Repository}:{IndexedRegistryImage.Tag}");

            var platforms = await RegistrySociIndexes.ListAsync(client, throughApi, PlatformSelection.Default, CancellationToken.None);

            var found = Assert.Single(Assert.Single(platforms).Indexes);
            Assert.Equal(SociIndexFoundBy.ReferrersApi, found.FoundBy);
            Assert.Equal((string)built.Digest, found.Descriptor.Digest.ToString());
            Assert.True(Assert.Single(platforms).HasOnlyV1);
            Assert.Contains(referrersApi.Requests, r => r.Target.Contains("artifactType=application%2Fvnd.amazon.soci.index.v1%2Bjson"));
        }

        [Fact]
        public async Task Skips_a_fallback_tag_entry_whose_index_was_deleted()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci-core/stale"), seed: 34);
            var built = await image.IndexAndPushV1Async(session, client);
            await client.DeleteManifestAsync(image.Repository, Digest.Parse((string)built.Digest), CancellationToken.None);

            var platforms = await RegistrySociIndexes.ListAsync(client, image.Image, PlatformSelection.Default, CancellationToken.None);

            Assert.Empty(Assert.Single(platforms).Indexes);
            Assert.Equal(new[] { (string)built.Digest }, await image.FallbackTagListAsync(client));
        }

        [Fact]
        public async Task Removing_a_referrer_the_fallback_tag_does_not_list_changes_nothing()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci-core/unlisted"), seed: 35);
            var built = await image.IndexAndPushV1Async(session, client);
            var tag = image.Repository.WithTag("sha256-" + image.Layout.ManifestDigest.Substring(7));
            var before = (await client.HeadManifestAsync(tag, CancellationToken.None))!.Digest;

            var removed = await client.RemoveReferrerFromFallbackTagAsync(image.Repository, Digest.Parse(image.Layout.ManifestDigest), Digest.Parse("sha256:" + new string('a', 64)), CancellationToken.None);

            Assert.False(removed);
            Assert.Equal(before, (await client.HeadManifestAsync(tag, CancellationToken.None))!.Digest);
        }

        /// <summary>Pushes a v1 index with the v2 index's zTOCs whose subject is <paramref name="subject"/>.</summary>
        private static async Task<Digest> PushV1CopyAsync(RegistryClient client, IndexedRegistryImage image, string v2Digest, Descriptor subject)
        {
            var manifest = OciJson.ReadManifest(File.ReadAllBytes(image.BlobPath(v2Digest)));
            manifest.Config = SociIndexFormat.ConfigDescriptor(SociIndexVersion.V1);
            manifest.Subject = new Descriptor { MediaType = subject.MediaType, Digest = subject.Digest, Size = subject.Size };
            var bytes = OciJson.Serialize(manifest);
            await client.PushBlobAsync(image.Repository, manifest.Config, new MemoryStream(SociIndexFormat.ConfigBytes()), CancellationToken.None);
            return (await client.PutManifestAsync(image.Repository.WithDigest(Digest.Compute(bytes)), MediaTypes.OciManifest, bytes, CancellationToken.None)).Digest;
        }
    }
}
