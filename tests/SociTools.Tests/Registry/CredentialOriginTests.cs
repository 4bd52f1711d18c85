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
    /// A registry's credentials go only to the registry's own origin, whatever URL it hands back: an upload location
    /// on another host is followed like a redirect, without Authorization, and never over plain http from https.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public class CredentialOriginTests
    {
        private const string BearerPassword = "bearer-Origin-Secret-58";
        private readonly RegistryFixture _registries;

        public CredentialOriginTests(RegistryFixture registries) => _registries = registries;

        [Fact]
        public async Task Upload_location_on_another_host_gets_neither_the_password_nor_an_answer_to_its_basic_challenge()
        {
            using var foreign = ForeignHostAskingFor("Basic realm=\"foreign\"");
            using var front = new LoopbackProxy(_registries.Basic.Port, request => UploadSentTo(foreign, request));
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password), Retry = new RecordedWaits().Policy(2, TimeSpan.Zero),
            });

            var error = await PushAsync(client, $"{front.Host}/origin/basic");

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.Contains(front.Requests, r => r.Method == "POST" && r.Header("Authorization") != null);
            Assert.NotEmpty(foreign.Requests);
            Assert.All(foreign.Requests, r => Assert.Null(r.Header("Authorization")));
            Assert.DoesNotContain(RegistryFixture.Password, error.ToString());
        }

        [Fact]
        public async Task Bearer_token_goes_only_to_the_registry_it_was_issued_for_not_to_its_upload_location()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", BearerPassword);
            using var foreign = ForeignHostAskingFor($"Bearer realm=\"http://{bearer.Host}/token\",service=\"{BearerTokenServer.Service}\"");
            using var front = new LoopbackProxy(bearer.Port, request => UploadSentTo(foreign, request));
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials("robot", BearerPassword), Retry = new RecordedWaits().Policy(2, TimeSpan.Zero),
            });

            var error = await PushAsync(client, $"{front.Host}/origin/bearer");

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.Contains(front.Requests, r => r.Method == "POST" && (r.Header("Authorization") ?? "").StartsWith("Bearer "));
            Assert.NotEmpty(foreign.Requests);
            Assert.All(foreign.Requests, r => Assert.Null(r.Header("Authorization")));
        }

        [Fact]
        public async Task Upload_location_from_https_down_to_http_is_refused_before_anything_is_sent_there()
        {
            using var plain = new LoopbackProxy(_registries.Anonymous.Port, _ => null);
            using var front = new LoopbackProxy(_registries.Basic.Port, request =>
                request.Method == "POST" && request.Path.EndsWith("/blobs/uploads/") && request.Header("Authorization") != null
                    ? ProxyReply.Status(202, "Accepted", "", "text/plain", ("Location", "http://registry.example.com/v2/origin/downgrade/blobs/uploads/1"))
                    : null);
            var routing = new HostRoutingHandler().Route("https://registry.example.com", front.Port).Route("http://registry.example.com", plain.Port);
            using var client = new RegistryClient(new RegistryClientOptions
            {
                CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password), HttpMessageHandler = routing,
            });

            var error = await PushAsync(client, "registry.example.com/origin/downgrade");

            Assert.Equal(RegistryErrorKind.Protocol, error.Kind);
            Assert.Contains("plain http", error.Message);
            Assert.Empty(plain.Requests);
            Assert.DoesNotContain(routing.Sent, sent => sent.Uri.Scheme == "http");
        }

        /// <summary>A host that answers everything with 401 and a challenge, as one phishing for credentials would.</summary>
        private static LoopbackProxy ForeignHostAskingFor(string challenge) =>
            new LoopbackProxy(1, _ => ProxyReply.Status(401, "Unauthorized", "", "text/plain", ("WWW-Authenticate", challenge)));

        /// <summary>Answers the authorized start of an upload with a location on <paramref name="foreign"/>; forwards the rest.</summary>
        private static ProxyReply? UploadSentTo(LoopbackProxy foreign, ProxyRequest request) =>
            request.Method == "POST" && request.Path.EndsWith("/blobs/uploads/") && request.Header("Authorization") != null
                ? ProxyReply.Status(202, "Accepted", "", "text/plain", ("Location", $"http://{foreign.Host}/v2/origin/blobs/uploads/elsewhere"))
                : null;

        private static Task<RegistryException> PushAsync(RegistryClient client, string repository)
        {
            var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repository + " blob. ", 50)));
            var descriptor = TestImage.Describe("application/octet-stream", content);
            return Assert.ThrowsAsync<RegistryException>(() =>
                client.PushBlobAsync(Reference.Parse(repository), descriptor, new MemoryStream(content), CancellationToken.None));
        }
    }
}
