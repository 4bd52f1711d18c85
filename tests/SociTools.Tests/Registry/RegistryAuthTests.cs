using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry
{
    [Collection(RegistryCollection.Name)]
    public class RegistryAuthTests
    {
        private readonly RegistryFixture _registries;

        public RegistryAuthTests(RegistryFixture registries) => _registries = registries;

        private static RegistryClient ClientWith(string user, string password) =>
            new RegistryClient(new RegistryClientOptions { CredentialProvider = new TestCredentials(user, password) });

        [Fact]
        public async Task Basic_auth_registry_accepts_the_right_password_for_push_and_pull()
        {
            using var client = ClientWith(RegistryFixture.User, RegistryFixture.Password);
            var repository = _registries.Basic.Repository("private/app");
            var image = TestImage.Create("basic auth");

            await image.PushAsync(client, repository, "v1");
            var fetched = await client.GetManifestAsync(repository.WithTag("v1"), CancellationToken.None);

            Assert.Equal(image.ManifestBytes, fetched.Bytes);
        }

        [Fact]
        public async Task Wrong_password_is_an_unauthorized_error_that_names_the_credential_but_not_the_password()
        {
            const string wrong = "not-the-Passw0rd-xyz";
            using var client = ClientWith(RegistryFixture.User, wrong);
            var reference = _registries.Basic.Repository("private/app").WithTag("v1");

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(reference, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.Equal(401, error.StatusCode);
            Assert.Contains($"user '{RegistryFixture.User}' from the test's -Credential", error.Message);
            Assert.Contains(reference.ToString(), error.Message);
            Assert.DoesNotContain(wrong, error.ToString());
        }

        [Fact]
        public async Task Missing_credential_is_an_unauthorized_error_that_says_to_log_in()
        {
            using var client = new RegistryClient();
            var reference = _registries.Basic.Repository("private/app").WithTag("v1");

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(reference, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.Contains("no credential was found", error.Message);
            Assert.Contains("login", error.Message);
        }

        [Fact]
        public async Task Unauthorized_without_a_challenge_says_so_instead_of_claiming_no_credential_was_found()
        {
            using var front = new LoopbackProxy(_registries.Anonymous.Port, request =>
                request.Path.Contains("/manifests/") ? ProxyReply.Status(401, "Unauthorized", "", "text/plain") : null);
            using var client = ClientWith(RegistryFixture.User, RegistryFixture.Password);

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Reference.Parse($"{front.Host}/unchallenged/app:v1"), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.DoesNotContain("no credential was found", error.Message);
            Assert.Contains("without a Basic or Bearer challenge (WWW-Authenticate)", error.Message);
            Assert.Contains("sent no credential", error.Message);
            Assert.DoesNotContain(RegistryFixture.Password, error.ToString());
        }

        [Fact]
        public async Task Bearer_challenge_is_answered_with_a_token_for_the_repository_scope()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", "token-secret-42");
            using var client = ClientWith("robot", "token-secret-42");
            var repository = Reference.Parse($"{bearer.Host}/bearer/app");
            var image = TestImage.Create("bearer");

            await image.PushAsync(client, repository, "v1");
            var fetched = await client.GetManifestAsync(repository.WithTag("v1"), CancellationToken.None);

            Assert.Equal(image.ManifestBytes, fetched.Bytes);
            Assert.Contains("repository:bearer/app:pull,push", bearer.ScopesRequested);
        }

        [Fact]
        public async Task Bearer_tokens_are_cached_per_scope_until_they_expire()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", "token-secret-42");
            using var client = ClientWith("robot", "token-secret-42");
            var repository = Reference.Parse($"{bearer.Host}/cached/app");
            var image = TestImage.Create("cached");
            await image.PushAsync(client, repository, "v1");
            var afterFirstPush = bearer.TokensIssued;

            await image.PushAsync(client, repository, "v2");
            await client.GetManifestAsync(repository.WithTag("v2"), CancellationToken.None);
            await client.HeadBlobAsync(repository, image.LayerDescriptor.Digest, CancellationToken.None);

            Assert.InRange(afterFirstPush, 1, 2);
            Assert.Equal(afterFirstPush, bearer.TokensIssued);
            var other = Reference.Parse($"{bearer.Host}/other/app");
            await client.HeadBlobAsync(other, image.LayerDescriptor.Digest, CancellationToken.None);
            Assert.Equal(afterFirstPush + 1, bearer.TokensIssued);
        }

        [Fact]
        public async Task Token_service_refusing_the_password_is_unauthorized_without_leaking_it()
        {
            const string wrong = "Wr0ng-bearer-secret";
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "robot", "token-secret-42");
            using var client = ClientWith("robot", wrong);
            var reference = Reference.Parse($"{bearer.Host}/bearer/app:v1");

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(reference, CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
            Assert.Contains("user 'robot'", error.Message);
            Assert.DoesNotContain(wrong, error.ToString());
            Assert.DoesNotContain(System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("robot:" + wrong)), error.ToString());
        }

        [Fact]
        public async Task Identity_token_is_exchanged_for_an_access_token_instead_of_the_password()
        {
            using var bearer = new BearerTokenServer(_registries.Anonymous.Port, "<token>", "refresh-token-value-77");
            var credential = new RegistryCredential("<token>", null, "docker config.json identitytoken", identityToken: "refresh-token-value-77");
            using var client = new RegistryClient(new RegistryClientOptions { CredentialProvider = new FixedProvider(credential) });
            var repository = Reference.Parse($"{bearer.Host}/identity/app");
            var image = TestImage.Create("identity token");

            await image.PushAsync(client, repository, "v1");

            Assert.Equal(image.ManifestBytes, (await client.GetManifestAsync(repository.WithTag("v1"), CancellationToken.None)).Bytes);
            Assert.Equal(bearer.TokensIssued, bearer.RefreshGrants);
        }

        private sealed class FixedProvider : ICredentialProvider
        {
            private readonly RegistryCredential _credential;

            public FixedProvider(RegistryCredential credential) => _credential = credential;

            public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken) =>
                Task.FromResult<RegistryCredential?>(_credential);
        }
    }
}
