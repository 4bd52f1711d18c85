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
    /// <summary>Credentials never travel in clear text because a registry reached over https pointed somewhere else.</summary>
    [Collection(RegistryCollection.Name)]
    public class CredentialExposureTests
    {
        private const string Password = "bearer-Secret-913";
        private readonly RegistryFixture _registries;

        public CredentialExposureTests(RegistryFixture registries) => _registries = registries;

        [Fact]
        public async Task Https_registry_naming_an_http_token_service_is_refused_before_the_password_is_sent()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", Password, realm: "http://auth.example.com/token");
            var routing = new HostRoutingHandler().Route("https://registry.example.com", bearer.Port).Route("http://auth.example.com", bearer.Port);
            using var client = new RegistryClient(new RegistryClientOptions { CredentialProvider = new TestCredentials("robot", Password), HttpMessageHandler = routing });
            var reference = Reference.Parse("registry.example.com/secure/app:v1");

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(reference, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Protocol, error.Kind);
            Assert.Contains("auth.example.com", error.Message);
            Assert.Contains("plain http", error.Message);
            Assert.DoesNotContain(Password, error.ToString());
            Assert.DoesNotContain(routing.Sent, sent => sent.Uri.Host == "auth.example.com");
            Assert.Equal(0, bearer.TokenRequests);
        }

        [Fact]
        public async Task Registry_reached_over_http_by_choice_may_use_an_http_token_service()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", Password, realm: "http://auth.example.com/token");
            var routing = new HostRoutingHandler().Route("http://registry.example.com", bearer.Port).Route("http://auth.example.com", bearer.Port);
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials("robot", Password), HttpMessageHandler = routing, Insecure = true,
            });
            var repository = Reference.Parse("registry.example.com/insecure/app");
            var image = TestImage.Create("insecure by choice");

            await image.PushAsync(client, repository, "v1");

            Assert.Equal(image.ManifestBytes, (await client.GetManifestAsync(repository.WithTag("v1"), CancellationToken.None)).Bytes);
            Assert.True(bearer.TokenRequests > 0);
        }

        [Fact]
        public async Task Redirect_from_https_to_http_on_the_same_host_is_refused()
        {
            var (_, descriptor) = await StoredBlobAsync("downgrade");
            using var front = new LoopbackProxy(_registries.Basic.Port, request =>
                request.Method == "GET" && request.Path.Contains("/blobs/sha256:") && request.Header("Authorization") != null
                    ? ProxyReply.Status(307, "Temporary Redirect", "", "text/plain", ("Location", $"http://registry.example.com/v2/redirect/storage/blobs/{descriptor.Digest}"))
                    : null);
            using var storage = new LoopbackProxy(_registries.Anonymous.Port, _ => null);
            var routing = new HostRoutingHandler().Route("https://registry.example.com", front.Port).Route("http://registry.example.com", storage.Port);
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password), HttpMessageHandler = routing,
            });

            var error = await Assert.ThrowsAsync<RegistryException>(() =>
                client.ReadBlobRangeAsync(Reference.Parse("registry.example.com/redirect/app"), descriptor.Digest, 10, 20, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Protocol, error.Kind);
            Assert.Contains("plain http", error.Message);
            Assert.Empty(storage.Requests);
            Assert.Contains(front.Requests, r => r.Method == "GET" && r.Header("Authorization") != null);
        }

        [Fact]
        public async Task Redirect_to_another_port_of_the_same_host_drops_the_credentials()
        {
            var (content, descriptor) = await StoredBlobAsync("other-port");
            using var front = new LoopbackProxy(_registries.Basic.Port, request =>
                request.Method == "GET" && request.Path.Contains("/blobs/sha256:") && request.Header("Authorization") != null
                    ? ProxyReply.Status(307, "Temporary Redirect", "", "text/plain", ("Location", $"https://registry.example.com:8443/v2/redirect/storage/blobs/{descriptor.Digest}"))
                    : null);
            using var storage = new LoopbackProxy(_registries.Anonymous.Port, _ => null);
            var routing = new HostRoutingHandler().Route("https://registry.example.com", front.Port).Route("https://registry.example.com:8443", storage.Port);
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password), HttpMessageHandler = routing,
            });

            var bytes = await client.ReadBlobRangeAsync(Reference.Parse("registry.example.com/redirect/app"), descriptor.Digest, 0, 16, CancellationToken.None);

            Assert.Equal(content.Take(16).ToArray(), bytes);
            Assert.Null(storage.Requests.Last(r => r.Method == "GET").Header("Authorization"));
        }

        [Theory]
        [InlineData("https://r.example.com/v2/a", "https://r.example.com:443/v2/b", true)]
        [InlineData("https://r.example.com/v2/a", "http://r.example.com/v2/b", false)]
        [InlineData("https://r.example.com/v2/a", "https://r.example.com:8443/v2/b", false)]
        [InlineData("http://r.example.com:5000/v2/a", "https://r.example.com:5000/v2/b", false)]
        [InlineData("https://r.example.com/v2/a", "https://R.EXAMPLE.com/v2/b", true)]
        public void Credentials_follow_only_to_the_same_scheme_host_and_port(string origin, string target, bool same)
        {
            Assert.Equal(same, RegistryTransport.IsSameOrigin(new Uri(target), new Uri(origin)));
        }

        /// <summary>A blob in the anonymous registry's redirect/storage repository, where redirects point.</summary>
        private async Task<(byte[] Content, Core.Oci.Descriptor Descriptor)> StoredBlobAsync(string seed)
        {
            var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(seed + " blob for redirects. ", 200)));
            var descriptor = TestImage.Describe("application/octet-stream", content);
            using var anonymous = new RegistryClient();
            await anonymous.PushBlobAsync(_registries.Anonymous.Repository("redirect/storage"), descriptor, new MemoryStream(content), CancellationToken.None);
            return (content, descriptor);
        }
    }
}
