using System;
using System.IO;
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
        private static readonly string[] Variables = { "SOCITOOLS_FINCH", "SOCITOOLS_FINCH_PLATFORM", "LOCALAPPDATA", "DOCKER_CONFIG", "PATH" };
        private readonly System.Collections.Generic.Dictionary<string, string?> _saved = new System.Collections.Generic.Dictionary<string, string?>();
        private readonly FinchDouble _finch = new FinchDouble();

        public FinchCliTests()
        {
            foreach (var name in Variables) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable("SOCITOOLS_FINCH", null);
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", null);
            _finch.AddCommand("print-docker-config", "echo \"${DOCKER_CONFIG-unset}\"");
        }

        public void Dispose()
        {
            foreach (var saved in _saved) Environment.SetEnvironmentVariable(saved.Key, saved.Value);
            _finch.Dispose();
        }

        [Fact]
        public void An_explicit_path_wins_over_SOCITOOLS_FINCH()
        {
            Environment.SetEnvironmentVariable("SOCITOOLS_FINCH", "/nonexistent/finch");

            var cli = FinchCli.Locate(_finch.Executable);

            Assert.Equal(_finch.Executable, cli.Executable);
        }

        [Fact]
        public void SOCITOOLS_FINCH_is_used_and_the_platform_override_sets_the_kind()
        {
            Environment.SetEnvironmentVariable("SOCITOOLS_FINCH", _finch.Executable);
            Environment.SetEnvironmentVariable("SOCITOOLS_FINCH_PLATFORM", "Windows");

            var cli = FinchCli.Locate(null);

            Assert.Equal(_finch.Executable, cli.Executable);
            Assert.Equal(FinchHostKind.Windows, cli.Kind);
        }

        [Fact]
        public void Finch_on_PATH_is_found()
        {
            Environment.SetEnvironmentVariable("PATH", Path.Combine(_finch.Root, "bin"));

            Assert.Equal(_finch.Executable, FinchCli.Locate(null).Executable);
        }

        [Theory]
        [InlineData("macOS", "brew install --cask finch")]
        [InlineData("Windows", "MSI installer")]
        [InlineData("Linux", "deb or rpm package")]
        public void Missing_finch_is_one_error_saying_how_to_install_it(string platform, string advice)
        {
            Environment.SetEnvironmentVariable("SOCITOOLS_FINCH_PLATFORM", platform);
            Environment.SetEnvironmentVariable("PATH", Path.Combine(_finch.Root, "state"));

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
            Environment.SetEnvironmentVariable("LOCALAPPDATA", localAppData);

            var result = await new FinchCli(_finch.Executable, FinchHostKind.Windows).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal(Path.Combine(localAppData, ".finch") + "\n", result.StandardOutput);
        }

        [Fact]
        public async Task A_DOCKER_CONFIG_the_user_set_is_kept_on_Windows()
        {
            Environment.SetEnvironmentVariable("LOCALAPPDATA", "/somewhere");
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", "/my/docker");

            var result = await new FinchCli(_finch.Executable, FinchHostKind.Windows).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal("/my/docker\n", result.StandardOutput);
        }

        [Fact]
        public async Task On_macOS_DOCKER_CONFIG_is_left_alone()
        {
            Environment.SetEnvironmentVariable("LOCALAPPDATA", "/somewhere");

            var result = await new FinchCli(_finch.Executable, FinchHostKind.MacOS).RunAsync(new[] { "print-docker-config" }, null, CancellationToken.None);

            Assert.Equal("unset\n", result.StandardOutput);
        }
    }
}
