using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class CredentialHelperTests
    {
        private const string Host = "good.example:5000";
        private const string HelperSecret = "Hx7secretFromHelperQ2";

        [Fact]
        public async Task Credential_comes_from_credsStore_helper_over_stdin_and_stdout()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "helper-user", HelperSecret);
            var path = home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");

            var credential = await home.Provider().GetAsync(Host, CancellationToken.None);

            Assert.Equal("helper-user", credential!.Username);
            Assert.Equal(HelperSecret, credential.Password);
            Assert.Equal($"credential helper docker-credential-test (\"credsStore\" in {path})", credential.Source);
            Assert.Equal(Host, File.ReadAllText(home.RequestLog).Trim());
        }

        [Fact]
        public async Task Helper_not_found_answer_means_no_credential()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "helper-user", HelperSecret);
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");

            Assert.Null(await home.Provider().GetAsync("other.example", CancellationToken.None));
        }

        [Fact]
        public async Task Docker_hub_is_asked_for_by_its_v1_url()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", "https://index.docker.io/v1/", "hub-user", HelperSecret);
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");

            var credential = await home.Provider().GetAsync("registry-1.docker.io", CancellationToken.None);

            Assert.Equal("hub-user", credential!.Username);
        }

        [Fact]
        public async Task CredHelpers_entry_wins_over_credsStore_for_its_host_only()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "per-host-user", HelperSecret);
            home.WriteHelper("store", "host=$(cat)\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"store-user\",\"Secret\":\"store-pw\"}' \"$host\"\n");
            home.WriteConfig(home.HomeDockerDirectory, $"{{\"credsStore\":\"store\",\"credHelpers\":{{\"https://{Host}\":\"test\"}}}}");

            var perHost = await home.Provider().GetAsync(Host, CancellationToken.None);
            var other = await home.Provider().GetAsync("other.example", CancellationToken.None);

            Assert.Equal("per-host-user", perHost!.Username);
            Assert.Contains("\"credHelpers\"", perHost.Source);
            Assert.Equal("store-user", other!.Username);
        }

        [Fact]
        public async Task Helper_answer_wins_over_inline_auths_and_not_found_falls_back_to_them()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "helper-user", HelperSecret);
            home.WriteConfig(home.HomeDockerDirectory,
                $"{{\"credsStore\":\"test\",\"auths\":{{\"{Host}\":{{\"auth\":\"{CredentialTestHome.Base64("inline:pw")}\"}},\"other.example\":{{\"auth\":\"{CredentialTestHome.Base64("inline-other:pw")}\"}}}}}}");

            Assert.Equal("helper-user", (await home.Provider().GetAsync(Host, CancellationToken.None))!.Username);
            Assert.Equal("inline-other", (await home.Provider().GetAsync("other.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task Token_user_name_means_identity_token()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "<token>", HelperSecret);
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");

            var credential = await home.Provider().GetAsync(Host, CancellationToken.None);

            Assert.Null(credential!.Username);
            Assert.Null(credential.Password);
            Assert.Equal(HelperSecret, credential.IdentityToken);
        }

        [Fact]
        public async Task Failing_helper_reports_name_exit_code_and_scrubbed_stderr()
        {
            using var home = new CredentialTestHome();
            const string leakedToken = "eyJhbGciOiJIUzI1NiJ9Zm9vYmFyMTIzNDU2Nzg5MA";
            home.WriteHelper("broken",
                $"cat >/dev/null\necho \"keychain locked; last token {leakedToken} password=hunter2 {{\\\"Secret\\\":\\\"{HelperSecret}\\\"}}\" >&2\nexit 1\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"broken\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(Host, CancellationToken.None));

            Assert.Contains("docker-credential-broken", error.Message);
            Assert.Contains("exit code 1", error.Message);
            Assert.Contains("keychain locked", error.Message);
            Assert.Contains(Host, error.Message);
            Assert.Equal(1, error.ExitCode);
            Assert.Equal("broken", error.HelperName);
            CredentialTestHome.AssertNoSecret(error, leakedToken, "hunter2", HelperSecret);
        }

        [Fact]
        public async Task Failing_helper_shows_only_a_scrubbed_first_line_never_a_secret_written_as_prose()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("prose",
                "cat >/dev/null\necho 'lookup failed: the stored secret is S3cretProse77' >&2\necho 'dump: hunter2-in-line-two' >&2\nexit 3\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"prose\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(Host, CancellationToken.None));

            Assert.Contains("docker-credential-prose", error.Message);
            Assert.Contains("exit code 3", error.Message);
            Assert.Contains("lookup failed", error.Message);
            CredentialTestHome.AssertNoSecret(error, "S3cretProse77", "hunter2-in-line-two");
        }

        [Fact]
        public async Task Not_found_message_counts_even_with_exit_code_zero()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("lenient", "cat >/dev/null\necho 'credentials not found in native keychain'\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"lenient\"}");

            Assert.Null(await home.Provider().GetAsync(Host, CancellationToken.None));
        }

        [Fact]
        public async Task Helper_printing_no_json_is_a_clear_error_that_hides_its_output()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("garbled", $"cat >/dev/null\necho 'Username=u Secret={HelperSecret}'\nexit 0\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"garbled\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(Host, CancellationToken.None));

            Assert.Contains("did not print", error.Message);
            CredentialTestHome.AssertNoSecret(error, HelperSecret);
        }

        [Fact]
        public async Task Helper_missing_from_PATH_is_named_with_the_config_that_asks_for_it()
        {
            using var home = new CredentialTestHome();
            var path = home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"absent\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(Host, CancellationToken.None));

            Assert.Contains("docker-credential-absent was not found on PATH", error.Message);
            Assert.Contains(path, error.Message);
            Assert.Null(error.ExitCode);
        }

        [Fact]
        public async Task Helper_that_cannot_be_started_says_so()
        {
            using var home = new CredentialTestHome();
            var helper = Path.Combine(home.HelperDirectory, "docker-credential-noexec");
            File.WriteAllText(helper, "#!/usr/bin/env bash\necho never\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"noexec\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(() => home.Provider().GetAsync(Host, CancellationToken.None));

            Assert.Contains($"docker-credential-noexec ({helper}) could not be started", error.Message);
        }

        [Fact]
        public void Rejects_a_timeout_that_is_not_positive()
        {
            using var home = new CredentialTestHome();

            Assert.Throws<ArgumentOutOfRangeException>(() => home.Provider(TimeSpan.Zero));
        }

        [Fact]
        public async Task Helper_that_never_answers_is_stopped_at_the_timeout()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("hangs", "exec sleep 600\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"hangs\"}");

            var error = await Assert.ThrowsAsync<CredentialHelperException>(
                () => home.Provider(TimeSpan.FromMilliseconds(300)).GetAsync(Host, CancellationToken.None));

            Assert.Contains("gave no answer", error.Message);
            Assert.Contains("docker-credential-hangs", error.Message);
        }

        [Fact]
        public async Task Cancelling_stops_a_running_helper()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("hangs", "exec sleep 600\n");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"hangs\"}");
            using var cancellation = new CancellationTokenSource();

            // The helper has been started by the time GetAsync hands back its task.
            var lookup = home.Provider(TimeSpan.FromMinutes(5)).GetAsync(Host, cancellation.Token);
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        }

        [Fact]
        public async Task Ecr_login_store_is_not_run_for_other_registries()
        {
            using var home = new CredentialTestHome();
            home.WriteHelper("ecr-login", $"echo asked >> '{home.RequestLog}'\necho 'credentials not found in native keychain'\nexit 1\n");
            home.WriteConfig(home.HomeDockerDirectory,
                $"{{\"credsStore\":\"ecr-login\",\"auths\":{{\"docker.io\":{{\"auth\":\"{CredentialTestHome.Base64("hub:pw")}\"}}}}}}");

            var credential = await home.Provider().GetAsync("docker.io", CancellationToken.None);

            Assert.Equal("hub", credential!.Username);
            Assert.False(File.Exists(home.RequestLog));
        }
    }
}
