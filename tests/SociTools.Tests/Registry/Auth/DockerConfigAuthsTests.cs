using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class DockerConfigAuthsTests
    {
        [Theory]
        [InlineData("docker.io")]
        [InlineData("registry-1.docker.io")]
        [InlineData("index.docker.io")]
        public async Task Finds_docker_hub_login_stored_under_the_v1_url(string askedHost)
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory,
                $"{{\"auths\":{{\"https://index.docker.io/v1/\":{{\"auth\":\"{CredentialTestHome.Base64("hubuser:hub-pass-123")}\"}}}}}}");

            var credential = await home.Provider().GetAsync(askedHost, CancellationToken.None);

            Assert.Equal("hubuser", credential!.Username);
            Assert.Equal("hub-pass-123", credential.Password);
            Assert.Contains("\"auths\" in " + Path.Combine(home.HomeDockerDirectory, "config.json"), credential.Source);
        }

        [Theory]
        [InlineData("http://localhost:5000/v1/")]
        [InlineData("https://localhost:5000")]
        [InlineData("localhost:5000")]
        [InlineData("LOCALHOST:5000")]
        public async Task Matches_host_keys_with_or_without_scheme_and_path(string key)
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, $"{{\"auths\":{{\"{key}\":{{\"auth\":\"{CredentialTestHome.Base64("local:pw")}\"}}}}}}");

            var credential = await home.Provider().GetAsync("localhost:5000", CancellationToken.None);

            Assert.Equal("local", credential!.Username);
            Assert.Null(await home.Provider().GetAsync("localhost:5001", CancellationToken.None));
        }

        [Fact]
        public async Task Reads_username_and_password_fields()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, "{\"auths\":{\"registry.example\":{\"username\":\"field-user\",\"password\":\"field-pass\"}}}");

            var credential = await home.Provider().GetAsync("registry.example", CancellationToken.None);

            Assert.Equal("field-user", credential!.Username);
            Assert.Equal("field-pass", credential.Password);
        }

        [Fact]
        public async Task Reads_identity_token_with_user_from_auth()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory,
                $"{{\"auths\":{{\"acr.example\":{{\"auth\":\"{CredentialTestHome.Base64("00000000-0000-0000-0000-000000000000:")}\",\"identitytoken\":\"refresh-token-xyz\"}}}}}}");

            var credential = await home.Provider().GetAsync("acr.example", CancellationToken.None);

            Assert.Equal("refresh-token-xyz", credential!.IdentityToken);
            Assert.Equal("00000000-0000-0000-0000-000000000000", credential.Username);
            Assert.DoesNotContain("refresh-token-xyz", credential.ToString());
        }

        [Fact]
        public async Task Splits_auth_at_the_first_colon_and_accepts_missing_padding()
        {
            using var home = new CredentialTestHome();
            var unpadded = CredentialTestHome.Base64("user:pa:ss").TrimEnd('=');
            home.WriteConfig(home.HomeDockerDirectory, $"{{\"auths\":{{\"registry.example\":{{\"auth\":\"{unpadded}\"}}}}}}");

            var credential = await home.Provider().GetAsync("registry.example", CancellationToken.None);

            Assert.Equal("user", credential!.Username);
            Assert.Equal("pa:ss", credential.Password);
        }

        [Fact]
        public async Task Entry_without_secrets_is_no_credential()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, "{\"auths\":{\"registry.example\":{}, \"other.example\":{\"auth\":\"\"}}}");

            Assert.Null(await home.Provider().GetAsync("registry.example", CancellationToken.None));
            Assert.Null(await home.Provider().GetAsync("other.example", CancellationToken.None));
        }

        [Fact]
        public async Task Garbled_base64_names_file_and_registry_but_not_the_value()
        {
            using var home = new CredentialTestHome();
            const string garbled = "not*base64*secretvalue";
            var path = home.WriteConfig(home.HomeDockerDirectory, $"{{\"auths\":{{\"registry.example\":{{\"auth\":\"{garbled}\"}}}}}}");

            var error = await Assert.ThrowsAsync<CredentialConfigException>(() => home.Provider().GetAsync("registry.example", CancellationToken.None));

            Assert.Contains("not valid base64", error.Message);
            Assert.Contains(path, error.Message);
            Assert.Contains("registry.example", error.Message);
            Assert.Equal(path, error.ConfigPath);
            CredentialTestHome.AssertNoSecret(error, garbled, "secretvalue");
        }

        [Fact]
        public async Task Auth_without_colon_is_a_clear_error_that_hides_the_decoded_text()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, $"{{\"auths\":{{\"registry.example\":{{\"auth\":\"{CredentialTestHome.Base64("justapassword")}\"}}}}}}");

            var error = await Assert.ThrowsAsync<CredentialConfigException>(() => home.Provider().GetAsync("registry.example", CancellationToken.None));

            Assert.Contains("does not decode to \"user:password\"", error.Message);
            CredentialTestHome.AssertNoSecret(error, "justapassword", CredentialTestHome.Base64("justapassword"));
        }

        [Fact]
        public async Task Garbled_entry_for_another_registry_does_not_block_this_one()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory,
                $"{{\"auths\":{{\"broken.example\":{{\"auth\":\"%%%\"}},\"registry.example\":{{\"auth\":\"{CredentialTestHome.Base64("u:p")}\"}}}}}}");

            Assert.Equal("u", (await home.Provider().GetAsync("registry.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task Invalid_json_gives_its_position_without_quoting_the_file()
        {
            using var home = new CredentialTestHome();
            var path = home.WriteConfig(home.HomeDockerDirectory, "{\"auths\":{\"registry.example\":{\"password\":\"topsecretvalue\"\n oops");

            var error = await Assert.ThrowsAsync<CredentialConfigException>(() => home.Provider().GetAsync("registry.example", CancellationToken.None));

            Assert.Contains(path + " is not valid JSON (line 2", error.Message);
            CredentialTestHome.AssertNoSecret(error, "topsecretvalue");
        }

        [Fact]
        public async Task Wrongly_typed_sections_are_clear_errors()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, "{\"auths\":[\"registry.example\"]}");

            var error = await Assert.ThrowsAsync<CredentialConfigException>(() => home.Provider().GetAsync("registry.example", CancellationToken.None));

            Assert.Contains("\"auths\"", error.Message);
        }

        [Fact]
        public async Task Empty_config_file_and_missing_files_give_no_credential()
        {
            using var home = new CredentialTestHome();
            Assert.Null(await home.Provider().GetAsync("registry.example", CancellationToken.None));

            home.WriteConfig(home.HomeDockerDirectory, "");
            Assert.Null(await home.Provider().GetAsync("registry.example", CancellationToken.None));
        }
    }
}
