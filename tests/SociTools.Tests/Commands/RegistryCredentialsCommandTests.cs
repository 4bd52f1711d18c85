using System;
using System.IO;
using System.Linq;
using System.Text;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>
    /// Without -Credential, the cmdlets use what a Finch or Docker user already has: config.json auths and
    /// credential helpers. Each test points HOME, DOCKER_CONFIG and PATH at folders it writes.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public class RegistryCredentialsCommandTests
    {
        private const string WrongPassword = "helper-gave-Wr0ng-secret";
        private readonly RegistryFixture _registries;

        public RegistryCredentialsCommandTests(RegistryFixture registries)
        {
            _registries = registries;
        }

        [Fact]
        public void Pushes_with_the_auths_entry_of_docker_config_json()
        {
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryFixture.User}:{RegistryFixture.Password}"));
            var config = $"{{\"auths\":{{\"{_registries.Basic.Host}\":{{\"auth\":\"{auth}\"}}}}}}";

            var result = PushWithConfig(config, helperPassword: null, "creds-auths");

            result.ThrowIfErrors();
            Assert.Single(result.Emitted("SociPushResult"));
            Assert.DoesNotContain(RegistryFixture.Password, result.AllText());
        }

        [Fact]
        public void Pushes_with_a_credential_helper_named_by_credsStore()
        {
            var config = "{\"credsStore\":\"socitest\"}";

            var result = PushWithConfig(config, RegistryFixture.Password, "creds-helper");

            result.ThrowIfErrors();
            Assert.Single(result.Emitted("SociPushResult"));
        }

        [Fact]
        public void A_wrong_password_from_a_helper_is_a_clear_error_with_no_secret_in_any_stream()
        {
            var config = $"{{\"credHelpers\":{{\"{_registries.Basic.Host}\":\"socitest\"}}}}";

            var result = PushWithConfig(config, WrongPassword, "creds-wrong");

            var error = result.Errors.Single();
            Assert.StartsWith("RegistryUnauthorized,", error.FullyQualifiedErrorId);
            Assert.Contains("docker-credential-socitest", error.Exception.Message);
            Assert.DoesNotContain(WrongPassword, result.AllText());
            Assert.DoesNotContain(WrongPassword, error.Exception.ToString());
        }

        private InvocationResult PushWithConfig(string configJson, string? helperPassword, string repository)
        {
            var root = TestLayout.NewFolder("creds");
            var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
            var dockerConfig = Directory.CreateDirectory(Path.Combine(root, "docker")).FullName;
            var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
            File.WriteAllText(Path.Combine(dockerConfig, "config.json"), configJson);
            if (helperPassword != null) WriteHelper(bin, helperPassword);
            var layer = TestLayer.Varied(seed: 60);
            var layout = TestLayout.Create(Path.Combine(root, "layout"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            using var session = new PowerShellSession();
            return session.Invoke(
                "$saved = $env:HOME, $env:DOCKER_CONFIG, $env:PATH; " +
                "$env:HOME = $args[0]; $env:DOCKER_CONFIG = $args[1]; $env:PATH = $args[2] + ':' + $env:PATH; " +
                "try { Push-SociImage -Path $args[3] -Destination $args[4] -MinLayerSize 0 -Verbose -Debug } " +
                "finally { $env:HOME, $env:DOCKER_CONFIG, $env:PATH = $saved }",
                home, dockerConfig, bin, layout.Path, $"{_registries.Basic.Host}/{repository}:1");
        }

        /// <summary>A real docker-credential-socitest executable speaking the helper protocol for the Basic registry.</summary>
        private void WriteHelper(string bin, string password)
        {
            var helper = Path.Combine(bin, "docker-credential-socitest");
            File.WriteAllText(helper,
                "#!/usr/bin/env bash\n" +
                "read -r server\n" +
                $"if [ \"$1\" = get ] && [ \"${{server#https://}}\" = '{_registries.Basic.Host}' ]; then\n" +
                $"  printf '{{\"ServerURL\":\"%s\",\"Username\":\"{RegistryFixture.User}\",\"Secret\":\"{password}\"}}' \"$server\"\n" +
                "  exit 0\nfi\n" +
                "echo 'credentials not found in native keychain'\nexit 1\n");
            File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
