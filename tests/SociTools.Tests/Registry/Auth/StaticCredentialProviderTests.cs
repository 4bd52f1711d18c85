using System;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class StaticCredentialProviderTests
    {
        private const string EcrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

        [Fact]
        public async Task Gives_one_credential_to_every_host_when_no_host_is_named()
        {
            var provider = StaticCredentialProvider.Create("alice", "s3cret-pass");

            var forLocal = await provider.GetAsync("127.0.0.1:5000", CancellationToken.None);
            var forHub = await provider.GetAsync("docker.io", CancellationToken.None);

            Assert.Equal("alice", forLocal!.Username);
            Assert.Equal("s3cret-pass", forLocal.Password);
            Assert.Equal("-Credential", forLocal.Source);
            Assert.Equal("alice", forHub!.Username);
        }

        [Fact]
        public async Task Gives_credential_only_to_its_host_in_any_spelling()
        {
            var provider = StaticCredentialProvider.Create("alice", "s3cret-pass", "https://Registry.Example:5000/v2/");

            Assert.NotNull(await provider.GetAsync("registry.example:5000", CancellationToken.None));
            Assert.Null(await provider.GetAsync("registry.example:5001", CancellationToken.None));
            Assert.Null(await provider.GetAsync("other.example", CancellationToken.None));
        }

        [Fact]
        public async Task Ecr_login_password_uses_user_AWS_and_drops_a_trailing_newline()
        {
            var provider = StaticCredentialProvider.FromEcrLoginPassword("eyJwYXlsb2FkIjoiZWNyIn0=\r\n", EcrHost);

            var credential = await provider.GetAsync(EcrHost, CancellationToken.None);

            Assert.Equal("AWS", credential!.Username);
            Assert.Equal("eyJwYXlsb2FkIjoiZWNyIn0=", credential.Password);
        }

        [Fact]
        public async Task Ecr_login_command_restricts_credential_to_its_proxy_endpoint()
        {
            var provider = StaticCredentialProvider.FromEcrLoginCommand("AWS", "ecr-token-value", "https://" + EcrHost);

            Assert.Equal(EcrHost, provider.RegistryHost);
            Assert.Equal("AWS", (await provider.GetAsync(EcrHost, CancellationToken.None))!.Username);
            Assert.Null(await provider.GetAsync("987654321098.dkr.ecr.us-east-1.amazonaws.com", CancellationToken.None));
        }

        [Fact]
        public async Task Ecr_login_command_without_endpoint_serves_every_host()
        {
            var provider = StaticCredentialProvider.FromEcrLoginCommand("AWS", "ecr-token-value", null);

            Assert.NotNull(await provider.GetAsync(EcrHost, CancellationToken.None));
        }

        [Theory]
        [InlineData("", "pw")]
        [InlineData("  ", "pw")]
        [InlineData("user", "")]
        public void Rejects_empty_user_or_password(string username, string password)
        {
            var error = Assert.Throws<ArgumentException>(() => StaticCredentialProvider.Create(username, password));

            Assert.Contains(username.Trim().Length == 0 ? "user name" : "password", error.Message);
        }

        [Fact]
        public void Rejects_endpoint_that_names_no_host()
        {
            Assert.Throws<ArgumentException>(() => StaticCredentialProvider.FromEcrLoginCommand("AWS", "pw", "https://"));
        }

        [Fact]
        public async Task Never_shows_the_password_in_text()
        {
            var provider = StaticCredentialProvider.Create("alice", "s3cret-pass", "registry.example");
            var credential = await provider.GetAsync("registry.example", CancellationToken.None);

            Assert.DoesNotContain("s3cret-pass", provider.ToString());
            Assert.DoesNotContain("s3cret-pass", credential!.ToString());
            Assert.Contains("alice", credential.ToString());
        }
    }
}
