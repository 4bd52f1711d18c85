using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class RegistryFaultTests
    {
        private readonly RegistryFixture _registries;

        public RegistryFaultTests(RegistryFixture registries) => _registries = registries;

        private static (RegistryClient Client, RecordedWaits Waits) RecordingClient(int maxAttempts = 4)
        {
            var waits = new RecordedWaits();
            var client = new RegistryClient(new RegistryClientOptions { Retry = waits.Policy(maxAttempts, TimeSpan.FromMilliseconds(10)) });
            return (client, waits);
        }

        private async Task<(Reference Tagged, TestImage Image)> PushedImageAsync(string repositoryName)
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository(repositoryName);
            var image = TestImage.Create(repositoryName);
            await image.PushAsync(client, repository, "v1");
            return (repository.WithTag("v1"), image);
        }

        private static Reference Via(FaultProxy proxy, Reference reference) => Reference.Parse($"{proxy.Host}/{reference.Repository}:{reference.Tag}");

        [Fact]
        public async Task Service_unavailable_is_retried_with_exponential_backoff()
        {
            var (tagged, image) = await PushedImageAsync("faults/unavailable");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.ServiceUnavailable(2);
            var (client, waits) = RecordingClient();
            using var _ = client;

            var fetched = await client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None);

            Assert.Equal(image.ManifestBytes, fetched.Bytes);
            Assert.Equal(new[] { TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20) }, waits.Waits);
            Assert.Equal(3, proxy.RequestCount);
        }

        [Fact]
        public async Task Too_many_requests_waits_as_long_as_retry_after_says()
        {
            var (tagged, image) = await PushedImageAsync("faults/throttled");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.TooManyRequests(1, retryAfterSeconds: 7);
            var (client, waits) = RecordingClient();
            using var _ = client;

            var fetched = await client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None);

            Assert.Equal(image.ManifestBytes, fetched.Bytes);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, waits.Waits);
        }

        [Fact]
        public async Task Connection_resets_are_retried()
        {
            var (tagged, image) = await PushedImageAsync("faults/reset");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.ConnectionReset(2);
            var (client, waits) = RecordingClient();
            using var _ = client;

            var fetched = await client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None);

            Assert.Equal(image.ManifestBytes, fetched.Bytes);
            Assert.Equal(2, waits.Waits.Count);
        }

        [Fact]
        public async Task Throttling_past_the_retry_limit_is_a_throttled_error()
        {
            var (tagged, _) = await PushedImageAsync("faults/always-throttled");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.TooManyRequests(3, retryAfterSeconds: 1);
            var (client, waits) = RecordingClient(maxAttempts: 3);
            using var _ = client;

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Throttled, error.Kind);
            Assert.Equal(429, error.StatusCode);
            Assert.Contains("TOOMANYREQUESTS", error.Message);
            Assert.Equal(2, waits.Waits.Count);
        }

        [Fact]
        public async Task Server_errors_past_the_retry_limit_are_a_server_error()
        {
            var (tagged, _) = await PushedImageAsync("faults/broken");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.ServiceUnavailable(3);
            var (client, _) = RecordingClient(maxAttempts: 3);
            using var __ = client;

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.ServerError, error.Kind);
            Assert.Equal(503, error.StatusCode);
            Assert.Contains("Try again later", error.Message);
        }

        [Fact]
        public async Task Resets_past_the_retry_limit_are_a_network_error()
        {
            var (tagged, _) = await PushedImageAsync("faults/unreachable");
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            proxy.ConnectionReset(3);
            var (client, _) = RecordingClient(maxAttempts: 3);
            using var __ = client;

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Via(proxy, tagged), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Null(error.StatusCode);
            Assert.Contains("after 3 attempt(s)", error.Message);
        }

        [Fact]
        public async Task Blob_upload_survives_injected_faults()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = RecordingClient(maxAttempts: 5);
            using var __ = client;
            var repository = Reference.Parse($"{proxy.Host}/faults/upload");
            var image = TestImage.Create("upload through faults");
            proxy.ServiceUnavailable(1);
            proxy.ConnectionReset(1);
            proxy.TooManyRequests(1, 0);

            var pushed = await image.PushAsync(client, repository, "v1");

            Assert.Equal(image.ManifestDescriptor.Digest, pushed.Digest);
        }

        [Fact]
        public async Task Server_that_is_not_a_registry_is_reported_as_such()
        {
            using var web = new LoopbackProxy(0, _ => ProxyReply.Status(404, "Not Found", "<html>nothing</html>", "text/html"));
            using var client = new RegistryClient();

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(Reference.Parse($"{web.Host}/x"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.NotOciRegistry, error.Kind);
            Assert.Contains("is not an OCI registry", error.Message);
        }

        [Fact]
        public async Task Web_page_answering_200_is_not_taken_for_a_registry()
        {
            using var web = new LoopbackProxy(0, _ => ProxyReply.Status(200, "OK", "<html>welcome</html>", "text/html"));
            using var client = new RegistryClient();

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync(Reference.Parse($"{web.Host}/x"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.NotOciRegistry, error.Kind);
        }
    }
}
