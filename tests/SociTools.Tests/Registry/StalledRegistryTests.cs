using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// Nothing waits forever on a registry or token service that goes silent: reads end at the read timeout or when
    /// the operation is cancelled (synchronous reads too), a token fetch has one budget, and a token reply is capped.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public class StalledRegistryTests
    {
        // Bounds each test on code that would hang, so a regression fails instead of stalling the run.
        private const int HangLimitMs = 60_000;
        private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);
        private readonly RegistryFixture _registries;

        public StalledRegistryTests(RegistryFixture registries) => _registries = registries;

        [Fact(Timeout = HangLimitMs)]
        public async Task Blob_body_that_stalls_fails_after_the_read_timeout_even_when_read_synchronously()
        {
            var (repository, descriptor) = await StoredBlobAsync("read-timeout");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, StallBlobBodies);
            using var client = new RegistryClient(new RegistryClientOptions { ReadTimeout = ShortTimeout });

            using var blob = await client.OpenBlobAsync(Reference.Parse($"{proxy.Host}/{repository}"), descriptor, CancellationToken.None);
            var error = Assert.Throws<RegistryException>(() => blob.CopyTo(Stream.Null));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains("stalled", error.Message);
            Assert.Contains("no data for 1 s", error.Message);
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Cancelling_the_operation_ends_a_synchronous_read_of_a_stalled_blob()
        {
            var (repository, descriptor) = await StoredBlobAsync("cancel-read");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, StallBlobBodies);
            using var client = new RegistryClient();
            using var cancellation = new CancellationTokenSource();

            using var blob = await client.OpenBlobAsync(Reference.Parse($"{proxy.Host}/{repository}"), descriptor, cancellation.Token);
            var reading = Task.Run(() => blob.CopyTo(Stream.Null));
            await proxy.Stalled;
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Registry_that_never_answers_a_request_is_a_network_error_after_the_read_timeout()
        {
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, request => request.Path.Contains("/manifests/") ? ProxyReply.Stall() : null);
            var waits = new RecordedWaits();
            using var client = new RegistryClient(new RegistryClientOptions { ReadTimeout = ShortTimeout, Retry = waits.Policy(2, TimeSpan.Zero) });

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Reference.Parse($"{proxy.Host}/silent/app:v1"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains("timed out", error.Message);
            Assert.Equal(2, proxy.Requests.Count(r => r.Path.Contains("/manifests/")));
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Token_service_that_never_answers_fails_once_the_token_budget_is_spent()
        {
            using var service = TokenService(_ => ProxyReply.Stall());
            var waits = new RecordedWaits();
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials("robot", "token-budget-pw"), TokenTimeout = ShortTimeout, Retry = waits.Policy(5, TimeSpan.Zero),
            });

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Reference.Parse($"{service.Host}/budget/app:v1"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains("gave no access token", error.Message);
            Assert.Contains("within 1 s", error.Message);
            Assert.DoesNotContain("token-budget-pw", error.ToString());
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Token_reply_larger_than_the_cap_is_refused_even_without_a_declared_length()
        {
            var huge = Encoding.ASCII.GetBytes("{\"token\":\"" + new string('t', RegistryAuthenticator.MaxTokenReplySize) + "\"}");
            using var service = TokenService(_ => ProxyReply.UndeclaredLength(huge, "application/json"));
            using var client = new RegistryClient(new RegistryClientOptions { CredentialProvider = new TestCredentials("robot", "token-cap-pw") });

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Reference.Parse($"{service.Host}/cap/app:v1"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Protocol, error.Kind);
            Assert.Contains($"more than {RegistryAuthenticator.MaxTokenReplySize} bytes for the access token", error.Message);
        }

        /// <summary>A registry stub whose every API request is challenged for a bearer token from its own /token, answered by <paramref name="token"/>.</summary>
        private LoopbackProxy TokenService(Func<ProxyRequest, ProxyReply> token)
        {
            LoopbackProxy? self = null;
            self = new LoopbackProxy(_registries.Anonymous.Port, request => request.Path == "/token"
                ? token(request)
                : ProxyReply.Status(401, "Unauthorized", "", "text/plain", ("WWW-Authenticate", $"Bearer realm=\"http://{self!.Host}/token\",service=\"stub\"")));
            return self;
        }

        /// <summary>Blob downloads get their head and the first bytes of their body, then nothing more.</summary>
        private static ProxyReply? StallBlobBodies(ProxyRequest request) =>
            request.Method == "GET" && request.Path.Contains("/blobs/sha256:") ? ProxyReply.ForwardThenStall(2048) : null;

        private async Task<(string Repository, Core.Oci.Descriptor Descriptor)> StoredBlobAsync(string name)
        {
            var content = new byte[256 * 1024];
            new Random(name.GetHashCode()).NextBytes(content);
            var descriptor = TestImage.Describe("application/octet-stream", content);
            var repository = "stalled/" + name;
            using var client = new RegistryClient();
            await client.PushBlobAsync(_registries.Anonymous.Repository(repository), descriptor, new MemoryStream(content), CancellationToken.None);
            return (repository, descriptor);
        }
    }
}
