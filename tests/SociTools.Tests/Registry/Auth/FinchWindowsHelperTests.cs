using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    /// <summary>Finch on Windows names Linux helpers that live in its VM; they cannot run on the host.</summary>
    public class FinchWindowsHelperTests
    {
        private const string EcrHost = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

        [Fact]
        public async Task Ecr_login_from_finch_config_explains_it_cannot_run_on_windows()
        {
            using var home = WindowsFinchWithEcrLogin(out var finchConfig, out var vmHelper);

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(EcrHost, CancellationToken.None));

            Assert.Equal("ecr-login", error.HelperName);
            Assert.Contains(finchConfig, error.Message);
            Assert.Contains(vmHelper, error.Message);
            Assert.Contains("is a Linux program for the Finch VM and cannot run on Windows", error.Message);
            Assert.Contains("Get-ECRLoginCommand", error.Message);
        }

        [Fact]
        public async Task Finch_ecr_login_store_does_not_block_other_registries()
        {
            using var home = WindowsFinchWithEcrLogin(out _, out _);

            Assert.Null(await home.Provider().GetAsync("docker.io", CancellationToken.None));
        }

        [Fact]
        public async Task Later_docker_config_login_is_used_instead_of_the_unusable_finch_helper()
        {
            using var home = WindowsFinchWithEcrLogin(out _, out _);
            home.WriteConfig(home.HomeDockerDirectory, $"{{\"auths\":{{\"{EcrHost}\":{{\"auth\":\"{CredentialTestHome.Base64("AWS:ecr-pw")}\"}}}}}}");

            var credential = await home.Provider().GetAsync(EcrHost, CancellationToken.None);

            Assert.Equal("AWS", credential!.Username);
        }

        [Fact]
        public async Task Inline_auths_in_the_finch_config_are_still_used()
        {
            using var home = WindowsFinchWithEcrLogin(out _, out _);
            home.WriteConfig(home.FinchDirectory,
                $"{{\"credsStore\":\"ecr-login\",\"auths\":{{\"{EcrHost}\":{{\"auth\":\"{CredentialTestHome.Base64("AWS:finch-pw")}\"}}}}}}");

            Assert.Equal("finch-pw", (await home.Provider().GetAsync(EcrHost, CancellationToken.None))!.Password);
        }

        [Fact]
        public async Task Windows_build_of_the_helper_on_PATH_is_used()
        {
            using var home = WindowsFinchWithEcrLogin(out _, out _);
            home.WriteHelper("ecr-login",
                $"host=$(cat)\nprintf '{{\"ServerURL\":\"%s\",\"Username\":\"AWS\",\"Secret\":\"from-windows-helper\"}}' \"$host\"\n",
                fileName: "docker-credential-ecr-login.exe");

            var credential = await home.Provider().GetAsync(EcrHost, CancellationToken.None);

            Assert.Equal("from-windows-helper", credential!.Password);
            Assert.Contains("docker-credential-ecr-login", credential.Source);
        }

        [Fact]
        public async Task Extensionless_linux_helper_on_PATH_is_not_taken_for_a_windows_program()
        {
            using var home = WindowsFinchWithEcrLogin(out _, out _);
            home.WriteHelper("ecr-login", "echo should-not-run >&2\nexit 3\n");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(EcrHost, CancellationToken.None));

            Assert.Contains("cannot run on Windows", error.Message);
        }

        [Fact]
        public async Task Bring_your_own_finch_helper_per_host_is_explained_too()
        {
            using var home = new CredentialTestHome(CredentialPlatform.Windows);
            var config = home.WriteConfig(home.FinchDirectory, "{\"credHelpers\":{\"registry.example\":\"pass\"}}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync("registry.example", CancellationToken.None));

            Assert.Contains(config, error.Message);
            Assert.Contains("\"credHelpers\"", error.Message);
            Assert.Contains("Linux programs for the Finch VM that cannot run on Windows", error.Message);
            Assert.Contains("docker-credential-pass.exe", error.Message);
        }

        private static CredentialTestHome WindowsFinchWithEcrLogin(out string finchConfig, out string vmHelper)
        {
            var home = new CredentialTestHome(CredentialPlatform.Windows);
            finchConfig = home.WriteConfig(home.FinchDirectory, "{\"credsStore\":\"ecr-login\"}");
            var helpers = Directory.CreateDirectory(Path.Combine(home.FinchDirectory, "cred-helpers")).FullName;
            vmHelper = Path.Combine(helpers, "docker-credential-ecr-login");
            File.WriteAllBytes(vmHelper, Encoding.ASCII.GetBytes("\u007fELF\u0002\u0001\u0001 Linux x86-64 program stand-in"));
            return home;
        }
    }
}
