using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class RegistryTransportTests
    {
        private readonly RegistryFixture _registries;

        public RegistryTransportTests(RegistryFixture registries) => _registries = registries;

        [Theory]
        [InlineData("localhost:5000/app", "http://localhost:5000/")]
        [InlineData("127.3.2.1:8080/app", "http://127.3.2.1:8080/")]
        [InlineData("[::1]:5000/app", "http://[::1]:5000/")]
        [InlineData("ghcr.io/owner/app", "https://ghcr.io/")]
        [InlineData("alpine", "https://registry-1.docker.io/")]
        public void Loopback_hosts_use_http_and_every_other_host_https(string reference, string expected)
        {
            using var transport = new RegistryTransport(new RegistryClientOptions());
            Assert.Equal(expected, transport.BaseUri(Reference.Parse(reference)).ToString());
        }

        [Fact]
        public void Insecure_option_uses_http_for_any_host()
        {
            using var transport = new RegistryTransport(new RegistryClientOptions { Insecure = true });
            Assert.Equal("http://registry.example.com:5000/", transport.BaseUri(Reference.Parse("registry.example.com:5000/app")).ToString());
        }

        [Fact]
        public async Task Ranged_read_follows_a_redirect_to_another_host_without_sending_credentials_there()
        {
            using var client = new RegistryClient(new RegistryClientOptions { CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password) });
            var repository = _registries.Basic.Repository("redirect/app");
            var content = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
            var descriptor = TestImage.Describe("application/octet-stream", content);
            await client.PushBlobAsync(repository, descriptor, new System.IO.MemoryStream(content), CancellationToken.None);
            using var storage = new LoopbackProxy(_registries.Anonymous.Port, _ => null);
            using var anonymousCopy = new RegistryClient();
            var anonymousRepository = Reference.Parse($"{storage.Host}/redirect/storage");
            await anonymousCopy.PushBlobAsync(anonymousRepository, descriptor, new System.IO.MemoryStream(content), CancellationToken.None);
            using var front = new LoopbackProxy(_registries.Basic.Port, request =>
                request.Method == "GET" && request.Path.Contains("/blobs/sha256:") && request.Header("Authorization") != null
                    ? ProxyReply.Status(307, "Temporary Redirect", "", "text/plain", ("Location", $"http://{storage.Host}/v2/redirect/storage/blobs/{descriptor.Digest}"))
                    : null);

            var bytes = await client.ReadBlobRangeAsync(Reference.Parse($"{front.Host}/redirect/app"), descriptor.Digest, 100, 50, CancellationToken.None);

            Assert.Equal(content.Skip(100).Take(50).ToArray(), bytes);
            var redirected = storage.Requests.Last(r => r.Method == "GET");
            Assert.Equal("bytes=100-149", redirected.Header("Range"));
            Assert.Null(redirected.Header("Authorization"));
            Assert.Contains(front.Requests, r => r.Method == "GET" && r.Header("Authorization") != null);
        }

        [Fact]
        public async Task Every_request_is_reported_with_its_status_but_without_query_string_or_credentials()
        {
            var reported = new System.Collections.Concurrent.ConcurrentQueue<RegistryExchange>();
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password),
                Requests = new Recorder(reported.Enqueue),
            });
            var repository = _registries.Basic.Repository("reported/app");
            var content = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
            var descriptor = TestImage.Describe("application/octet-stream", content);

            await client.PushBlobAsync(repository, descriptor, new System.IO.MemoryStream(content), CancellationToken.None);

            var lines = reported.Select(r => r.ToString()).ToList();
            Assert.Contains(lines, l => l.StartsWith("POST http://" + _registries.Basic.Host + "/v2/reported/app/blobs/uploads/ -> 202"));
            Assert.Contains(lines, l => l.StartsWith("PUT http://" + _registries.Basic.Host + "/v2/reported/app/blobs/uploads/") && l.EndsWith("-> 201"));
            Assert.Contains(reported, r => r.StatusCode == 401);
            Assert.All(lines, l => Assert.DoesNotContain("?", l));
            Assert.All(lines, l => Assert.DoesNotContain(RegistryFixture.Password, l));
        }

        private sealed class Recorder : System.IProgress<RegistryExchange>
        {
            private readonly System.Action<RegistryExchange> _record;

            public Recorder(System.Action<RegistryExchange> record) => _record = record;

            public void Report(RegistryExchange value) => _record(value);
        }
    }
}
