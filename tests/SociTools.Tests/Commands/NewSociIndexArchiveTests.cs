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
        public async Task WhatIf_on_an_archive_extracts_nothing()
        {
            // A blob that does not match its digest: reading the archive at all would fail.
            var archive = await OciArchiveAsync(seed: 41, corruptLayer: false, tamperAfterDigest: true);
            var output = TestLayout.NewFolder("whatif-out");
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -OutputPath $args[1] -MinLayerSize 0 -WhatIf", archive, output);

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.False(Directory.Exists(output));
        }

        [Fact]
        public async Task A_corrupt_layer_in_an_archive_leaves_no_layout_behind()
        {
            var archive = await OciArchiveAsync(seed: 42, corruptLayer: true);
            var output = TestLayout.NewFolder("corrupt-out");
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Path $args[0] -OutputPath $args[1] -MinLayerSize 0", archive, output);

            Assert.StartsWith("LayerContentInvalid,", error.FullyQualifiedErrorId);
            Assert.False(Directory.Exists(output));
        }

        /// <summary>An OCI archive (a tar of a layout, made by GNU tar); its layer may be gzip framing around corrupt deflate data.</summary>
        private static async Task<string> OciArchiveAsync(int seed, bool corruptLayer, bool tamperAfterDigest = false)
        {
            var layer = TestLayer.Varied(seed);
            var gzip = (byte[])layer.Gzip.Clone();
            if (corruptLayer)
            {
                for (var i = gzip.Length / 2; i < gzip.Length / 2 + 64; i++) gzip[i] ^= 0x5A;
            }
            var layout = TestLayout.Create(TestLayout.NewFolder("archive-src"), new[] { (TestLayout.GzipLayer, gzip, layer.Tar) });
            if (tamperAfterDigest)
            {
                File.WriteAllText(Path.Combine(layout.Path, "blobs", "sha256", layout.LayerDigests[0].Substring(7)), "not the layer");
            }
            var archive = layout.Path + ".tar";
            using var tar = System.Diagnostics.Process.Start("tar", $"-cf {archive} -C {layout.Path} .")!;
            await tar.WaitForExitAsync();
            Assert.Equal(0, tar.ExitCode);
            return archive;
        }

        [Fact]
        public void An_archive_without_OutputPath_is_a_clear_error()
        {
            var archive = Path.GetTempFileName();
            File.WriteAllBytes(archive, new byte[1024]);
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Path $args[0]", archive);

            Assert.StartsWith("OutputPathRequired,", error.FullyQualifiedErrorId);
            Assert.Contains("-OutputPath", error.Exception.Message);
        }
    }
}
