using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class ConfigPrecedenceTests
    {
        private const string Host = "registry.example:5000";

        [Fact]
        public async Task Finch_config_wins_over_DOCKER_CONFIG_and_home_docker()
        {
            using var home = new CredentialTestHome();
            WriteLogin(home, home.FinchDirectory, "finch-user");
            var dockerConfig = Path.Combine(home.Root, "custom-docker");
            WriteLogin(home, dockerConfig, "docker-config-user");
            WriteLogin(home, home.HomeDockerDirectory, "home-docker-user");
            home.SetVariable("DOCKER_CONFIG", dockerConfig);

            var credential = await home.Provider().GetAsync(Host, CancellationToken.None);

            Assert.Equal("finch-user", credential!.Username);
            Assert.Contains(Path.Combine(home.FinchDirectory, "config.json"), credential.Source);
        }

        [Fact]
        public async Task DOCKER_CONFIG_replaces_home_docker_when_finch_has_nothing()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.FinchDirectory, "{\"auths\":{\"other.example\":{\"username\":\"x\",\"password\":\"y\"}}}");
            var dockerConfig = Path.Combine(home.Root, "custom-docker");
            WriteLogin(home, dockerConfig, "docker-config-user");
            WriteLogin(home, home.HomeDockerDirectory, "home-docker-user");
            home.SetVariable("DOCKER_CONFIG", dockerConfig);

            Assert.Equal("docker-config-user", (await home.Provider().GetAsync(Host, CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task DOCKER_CONFIG_hides_home_docker_entirely()
        {
            using var home = new CredentialTestHome();
            WriteLogin(home, home.HomeDockerDirectory, "home-docker-user");
            home.SetVariable("DOCKER_CONFIG", Path.Combine(home.Root, "empty-docker"));

            Assert.Null(await home.Provider().GetAsync(Host, CancellationToken.None));
        }

        [Fact]
        public async Task Home_docker_is_used_without_DOCKER_CONFIG()
        {
            using var home = new CredentialTestHome();
            WriteLogin(home, home.HomeDockerDirectory, "home-docker-user");

            Assert.Equal("home-docker-user", (await home.Provider().GetAsync(Host, CancellationToken.None))!.Username);
        }

        [Fact]
        public void Lists_windows_finch_locations_before_docker()
        {
            using var home = new CredentialTestHome(CredentialPlatform.Windows);

            var paths = home.Provider().ConfigPaths;

            Assert.Equal(
                new[]
                {
                    Path.Combine(home.LocalAppData, ".finch", "config.json"),
                    Path.Combine(home.Home, ".finch", "config.json"),
                    Path.Combine(home.Home, ".docker", "config.json"),
                },
                paths);
        }

        [Fact]
        public async Task Windows_finch_login_under_USERPROFILE_is_found_after_LOCALAPPDATA()
        {
            using var home = new CredentialTestHome(CredentialPlatform.Windows);
            WriteLogin(home, Path.Combine(home.Home, ".finch"), "userprofile-finch-user");
            WriteLogin(home, home.HomeDockerDirectory, "home-docker-user");

            Assert.Equal("userprofile-finch-user", (await home.Provider().GetAsync(Host, CancellationToken.None))!.Username);

            WriteLogin(home, home.FinchDirectory, "localappdata-finch-user");
            Assert.Equal("localappdata-finch-user", (await home.Provider().GetAsync(Host, CancellationToken.None))!.Username);
        }

        private static void WriteLogin(CredentialTestHome home, string directory, string user) =>
            home.WriteConfig(directory, $"{{\"auths\":{{\"{Host}\":{{\"auth\":\"{CredentialTestHome.Base64(user + ":pw-" + user)}\"}}}}}}");
    }
}
