using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    /// <summary>Locating finch and the environment it gets, which read process-wide variables.</summary>
    [Collection(FinchEnvironmentCollection.Name)]
    public sealed class FinchCliTests : IDisposable
    {
        private readonly EnvironmentScope _environment = new EnvironmentScope();
        private readonly FinchDouble _finch = new FinchDouble();

        public FinchCliTests()
        {
            _environment.Set("SOCITOOLS_FINCH", null).Set("SOCITOOLS_FINCH_PLATFORM", null).Set("DOCKER_CONFIG", null);
            _finch.AddCommand("print-docker-config", "echo \"${DOCKER_CONFIG-unset}\"");
        }

        public void Dispose()
        {
            _environment.Dispose();
            _finch.Dispose();
        }

        [Fact]
        public void An_explicit_path_wins_over_SOCITOOLS_FINCH()
        {
            _environment.Set("SOCITOOLS_FINCH", "/nonexistent/finch");

            var cli = FinchCli.Locate(_finch.Executable);

            Assert.Equal(_finch.Executable, cli.Executable);
        }

        [Fact]
        public void SOCITOOLS_FINCH_is_used_and_the_platform_override_sets_the_kind()
        {
            _environment.Set("SOCITOOLS_FINCH", _finch.Executable);
            _environment.Set("SOCITOOLS_FINCH_PLATFORM", "Windows");

            var cli = FinchCli.Locate(null);

            Assert.Equal(_finch.Executable, cli.Executable);
            Assert.Equal(FinchHostKind.Windows, cli.Kind);
        }

        [Fact]
        public void Finch_on_PATH_is_found()
        {
            _environment.Set("PATH", Path.Combine(_finch.Root, "bin"));

            Assert.Equal(_finch.Executable, FinchCli.Locate(null).Executable);
        }

        [Theory]
        [InlineData("macOS", "brew install --cask finch")]
        [InlineData("Windows", "MSI installer")]
        [InlineData("Linux", "deb or rpm package")]
        public void Missing_finch_is_one_error_saying_how_to_install_it(string platform, string advice)
        {
            _environment.Set("SOCITOOLS_FINCH_PLATFORM", platform);
            _environment.Set("PATH", Path.Combine(_finch.Root, "state"));

            var error = Assert.Throws<FinchNotInstalledException>(() => FinchCli.Locate(null));

            Assert.StartsWith("Finch is not installed", error.Message);
            Assert.Contains(advice, error.Message);
            Assert.Contains("https://runfinch.com", error.Message);
            Assert.Contains("-FinchPath", error.Message);
        }

        [Fact]
        public void A_named_finch_that_does_not_exist_is_not_installed()
        {
            var error = Assert.Throws<FinchNotInstalledException>(() => FinchCli.Locate("/nonexistent/bin/finch"));

            Assert.Contains("'/nonexistent/bin/finch' does not exist", error.Message);
        }

        [Fact]
        public async Task On_Windows_finch_gets_DOCKER_CONFIG_in_LOCALAPPDATA()
        {
            var localAppData = Path.Combine(_finch.Root, "AppData Local");
            _environment.Set("LOCALAPPDATA", localAppData);

            var result = await new FinchCli(_finch.Executable, FinchHostKind.Windows).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal(Path.Combine(localAppData, ".finch") + "\n", result.StandardOutput);
        }

        [Fact]
        public async Task A_DOCKER_CONFIG_the_user_set_is_kept_on_Windows()
        {
            _environment.Set("LOCALAPPDATA", "/somewhere");
            _environment.Set("DOCKER_CONFIG", "/my/docker");

            var result = await new FinchCli(_finch.Executable, FinchHostKind.Windows).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal("/my/docker\n", result.StandardOutput);
        }

        [Fact]
        public async Task Caller_variables_and_standard_input_reach_finch_over_the_Windows_default()
        {
            _environment.Set("LOCALAPPDATA", "/somewhere");
            _finch.AddCommand("login", "echo \"config=$DOCKER_CONFIG secret=$(cat)\"");
            var options = new ProcessRunOptions
            {
                Environment = new System.Collections.Generic.Dictionary<string, string?> { ["DOCKER_CONFIG"] = "/chosen" },
                StandardInput = "s3cret",
            };

            var result = await new FinchCli(_finch.Executable, FinchHostKind.Windows).RunWithOptionsAsync(new[] { "login", "--password-stdin" }, options, CancellationToken.None);

            Assert.Equal("config=/chosen secret=s3cret\n", result.StandardOutput);
            Assert.Equal(new[] { "login", "--password-stdin" }, _finch.Calls.Single());
        }

        [Fact]
        public async Task On_macOS_DOCKER_CONFIG_is_left_alone()
        {
            _environment.Set("LOCALAPPDATA", "/somewhere");

            var result = await new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal("unset\n", result.StandardOutput);
        }
    }
}
