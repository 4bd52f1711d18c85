using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    /// <summary>
    /// Pushing an image with its SOCI index through a loopback proxy that answers 500s, 429 with Retry-After and
    /// cuts connections mid-blob: the push completes, or fails with a clean error, and the registry never holds
    /// a manifest whose content is missing.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class PushFaultTests : IDisposable
    {
        private const int ChunkSize = 1 << 20;
        private readonly RegistryFixture _registries;
        private readonly string _layoutPath = TestLayout.NewFolder("push-faults");
        private readonly RecordedWaits _waits = new RecordedWaits();

        public PushFaultTests(RegistryFixture registries)
        {
            _registries = registries;
            var layer = TestLayer.Varied(seed: 11);
            Assert.True(layer.Gzip.Length >= 3 << 20, "the layer must span several upload chunks");
            TestLayout.Create(_layoutPath, new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
        }

        private RegistryClient ClientWithFastRetries(int maxAttempts) => new RegistryClient(new RegistryClientOptions
        {
            ChunkSize = ChunkSize,
            Retry = _waits.Policy(maxAttempts, TimeSpan.FromMilliseconds(1)),
        });

        private async Task<SociPushResult> PushAsync(FaultProxy proxy, string repositoryName, SociIndexVersion version, int maxAttempts = 5)
        {
            var layout = OciLayout.Open(_layoutPath);
            var image = await layout.ResolveImageAsync(null, CancellationToken.None);
            var platforms = await ImagePlatforms.SelectAsync(layout, image, PlatformSelection.All, CancellationToken.None);
            var pusher = new SociImagePusher(new SociIndexBuildOptions { MinLayerSize = 0, SpanSize = 1 << 20, IndexVersion = version });
            using var client = ClientWithFastRetries(maxAttempts);
            var destination = new RegistryRepository(client, Reference.Parse($"{proxy.Host}/{repositoryName}"));
            return await pusher.PushAsync(layout, image, platforms, destination, "v1", CancellationToken.None);
        }

        /// <summary>500s and a 429 on the first requests; then, after the config and first layer chunk, a chunk cut mid-body, a throttled chunk and a failed chunk.</summary>
        private static void InjectTransientFaults(FaultProxy proxy)
        {
            proxy.InternalServerError(2);
            proxy.TooManyRequests(1, retryAfterSeconds: 2);
            proxy.PassBlobUploads(2);
            proxy.CutBlobUploads(1);
            proxy.ThrottleBlobUploads(1, retryAfterSeconds: 3);
            proxy.FailBlobUploads(1);
        }

        private async Task AssertCompleteAsync(string repositoryName, SociPushResult result, int expectedManifests)
        {
            using var direct = new RegistryClient();
            var tagged = await direct.HeadManifestAsync(_registries.Anonymous.Repository(repositoryName).WithTag("v1"), CancellationToken.None);
            Assert.Equal(result.Image.Digest, tagged?.Digest);
            var (missing, manifests) = await RegistryContentAudit.AuditAsync(_registries.Anonymous, repositoryName, readBlobs: true);
            Assert.Empty(missing);
            Assert.True(manifests >= expectedManifests, $"only {manifests} manifests were stored");
        }

        private async Task AssertNoManifestMissesContentAsync(string repositoryName)
        {
            var (missing, _) = await RegistryContentAudit.AuditAsync(_registries.Anonymous, repositoryName, readBlobs: false);
            Assert.Empty(missing);
        }

        [Fact]
        public async Task V2_push_through_500s_429s_and_a_cut_mid_blob_completes_and_reads_back()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            InjectTransientFaults(proxy);

            var result = await PushAsync(proxy, "push-faults/v2", SociIndexVersion.V2);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            Assert.Contains(TimeSpan.FromSeconds(2), _waits.Waits);
            Assert.Contains(TimeSpan.FromSeconds(3), _waits.Waits);
            Assert.True(MediaTypes.IsIndex(result.Image.MediaType));
            Assert.NotEmpty(result.Indexes);
            // The image manifest, the SOCI index manifest and the image index that names both.
            await AssertCompleteAsync("push-faults/v2", result, expectedManifests: 3);
        }

        [Fact]
        public async Task V1_push_through_500s_429s_and_a_cut_mid_blob_completes_with_its_index_as_a_referrer()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            InjectTransientFaults(proxy);

            var result = await PushAsync(proxy, "push-faults/v1", SociIndexVersion.V1);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            var index = Assert.Single(result.Indexes);
            using var direct = new RegistryClient();
            var referrers = await direct.GetReferrersAsync(_registries.Anonymous.Repository("push-faults/v1"), result.Image.Digest, MediaTypes.SociIndexV1, CancellationToken.None);
            Assert.Contains(referrers, r => r.Digest == index.Digest);
            await AssertCompleteAsync("push-faults/v1", result, expectedManifests: 2);
        }

        [Fact]
        public async Task Blob_uploads_broken_past_the_retry_limit_fail_the_push_cleanly_and_leave_no_incomplete_manifest()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.PassBlobUploads(2);
            proxy.CutBlobUploads(1000);

            var error = await Assert.ThrowsAsync<RegistryException>(() => PushAsync(proxy, "push-faults/uploads-broken", SociIndexVersion.V2, maxAttempts: 3));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains("push-faults/uploads-broken@sha256:", error.Message);
            using var direct = new RegistryClient();
            Assert.Null(await direct.HeadManifestAsync(_registries.Anonymous.Repository("push-faults/uploads-broken").WithTag("v1"), CancellationToken.None));
            await AssertNoManifestMissesContentAsync("push-faults/uploads-broken");
        }

        [Fact]
        public async Task Manifest_pushes_failing_past_the_retry_limit_fail_the_push_cleanly_and_leave_no_incomplete_manifest()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.FailManifestPushes(1000, pass: 1);

            var error = await Assert.ThrowsAsync<RegistryException>(() => PushAsync(proxy, "push-faults/manifests-broken", SociIndexVersion.V2, maxAttempts: 3));

            Assert.Equal(RegistryErrorKind.ServerError, error.Kind);
            Assert.Equal(500, error.StatusCode);
            var stored = _registries.Anonymous.StoredManifestDigests("push-faults/manifests-broken");
            Assert.Single(stored);
            await AssertNoManifestMissesContentAsync("push-faults/manifests-broken");
        }

        [Fact]
        public async Task V1_push_failing_at_its_index_leaves_the_image_complete_and_no_index_naming_missing_content()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.FailManifestPushes(1000, pass: 1);

            var error = await Assert.ThrowsAsync<RegistryException>(() => PushAsync(proxy, "push-faults/v1-index-broken", SociIndexVersion.V1, maxAttempts: 3));

            Assert.Equal(RegistryErrorKind.ServerError, error.Kind);
            await AssertNoManifestMissesContentAsync("push-faults/v1-index-broken");
        }

        public void Dispose()
        {
            if (Directory.Exists(_layoutPath)) Directory.Delete(_layoutPath, recursive: true);
        }
    }
}
