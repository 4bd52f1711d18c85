using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class NewSociIndexArchiveTests
    {
        [Theory]
        [InlineData("docker-archive", ":app:1.0")]
        [InlineData("oci-archive", ":app")]
        public async Task An_archive_is_written_as_a_layout_at_OutputPath_and_indexed(string transport, string suffix)
        {
            var layer = TestLayer.Varied(seed: 40);
            var layout = TestLayout.Create(TestLayout.NewFolder("archive-src"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            var archive = layout.Path + "." + transport + ".tar";
            await Skopeo.RunAsync("copy", "oci:" + layout.Path + ":sample", transport + ":" + archive + suffix);
            var output = TestLayout.NewFolder("archive-out");
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -OutputPath $args[1] -MinLayerSize 0", archive, output);
            var ztocs = session.Invoke("Get-SociZtoc -Path $args[0]", output);

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal(output, (string)index.Location);
            Assert.True(File.Exists(Path.Combine(output, "oci-layout")));
            dynamic ztoc = ztocs.Emitted("SociZtocInfo").Single();
            Assert.Equal(layer.Files.Count, ((System.Collections.Generic.IEnumerable<object>)ztoc.Files).Count(f => ((dynamic)f).Type == "reg"));
        }

        [Fact]
        public void An_archive_without_OutputPath_is_a_clear_error()
        {
            var archive = Path.GetTempFileName();
            File.WriteAllBytes(archive, new byte[1024]);
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingTerminatingError("New-SociIndex -Path $args[0]", archive);

            Assert.StartsWith("OutputPathRequired,", error.FullyQualifiedErrorId);
            Assert.Contains("-OutputPath", error.Exception.Message);
        }
    }
}
