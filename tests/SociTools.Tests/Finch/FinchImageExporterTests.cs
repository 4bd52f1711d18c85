using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    public class FinchImageExporterTests
    {
        [Fact]
        public async Task Saves_a_known_image_to_the_archive_path()
        {
            var archive = Path.GetTempFileName();
            File.WriteAllText(archive, "archive bytes");
            using var finch = new FinchDouble("app:1.0", archive);
            var output = Path.Combine(finch.Folder, "out dir", "app.tar");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);

            await new FinchImageExporter(finch.Executable).SaveAsync("app:1.0", output, CancellationToken.None);

            Assert.Equal("archive bytes", File.ReadAllText(output));
            Assert.Equal(new[] { "save", "-o", output, "app:1.0" }, Assert.Single(finch.Calls));
        }

        [Fact]
        public async Task Unknown_image_fails_with_finchs_own_reason_and_exit_code()
        {
            using var finch = new FinchDouble("app:1.0", "/nonexistent");
            var error = await Assert.ThrowsAsync<FinchCommandException>(() =>
                new FinchImageExporter(finch.Executable).SaveAsync("missing:2", Path.Combine(finch.Folder, "x.tar"), CancellationToken.None));

            Assert.Equal(1, error.ExitCode);
            Assert.Contains("'finch save -o " + Path.Combine(finch.Folder, "x.tar") + " missing:2' failed with exit code 1: failed to export: image \"missing:2\": not found", error.Message);
        }

        [Theory]
        [InlineData("FATA[0000] failed to resolve image", "fatal", "failed to resolve image")]
        [InlineData("time=\"2026-08-22T10:00:00Z\" level=error msg=\"pull \\\"x\\\" failed\"", "error", "pull \"x\" failed")]
        [InlineData("plain text", "", "plain text")]
        public void Reads_both_logrus_forms(string line, string level, string message)
        {
            Assert.Equal((level, message), FinchLogMessage.Parse(line));
        }
    }
}
