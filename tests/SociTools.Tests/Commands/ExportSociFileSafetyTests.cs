using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SociTools.Tests.Fixtures;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>Export-SociFile against layers that lie: changed bytes, hostile names, zTOCs larger than other documents.</summary>
    public class ExportSociFileSafetyTests
    {
        private const string Export = "Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name $args[2] -Destination $args[3]";

        [Fact]
        public void A_changed_byte_of_the_layer_is_a_ContentDigestMismatch_and_leaves_the_destination_untouched()
        {
            var (layer, layout, session) = ZtocCommandsTests.IndexedLayout(TestLayer.Varied(seed: 21));
            using var _ = session;
            var blob = Path.Combine(layout.Path, "blobs", "sha256", layout.LayerDigests[0].Substring(7));
            var bytes = File.ReadAllBytes(blob);
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(blob, bytes);
            var destination = Path.Combine(layout.Path, "model.out");
            File.WriteAllText(destination, "keep me");

            var result = session.Invoke(Export + " -Force", layout.Path, layout.LayerDigests[0], "app/data/model.bin", destination);

            var error = result.Errors.Single();
            Assert.StartsWith("ContentDigestMismatch,", error.FullyQualifiedErrorId);
            Assert.Contains($"of layer {layout.LayerDigests[0]} has digest", error.Exception.Message);
            Assert.Equal("keep me", File.ReadAllText(destination));
            Assert.DoesNotContain(Directory.GetFiles(layout.Path), f => Path.GetFileName(f).StartsWith(".socitools-", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("app/..", "names a folder")]
        [InlineData("app/C:x", "holds '\\', ':' or NUL")]
        [InlineData("app/..\\..\\x", "holds '\\', ':' or NUL")]
        public void A_layer_file_whose_name_could_leave_the_destination_folder_is_refused_and_nothing_is_written(string hostileName, string problem)
        {
            var files = new Dictionary<string, byte[]> { ["app/plain.txt"] = new byte[] { 1, 2, 3 }, [hostileName] = new byte[] { 4, 5, 6 } };
            var (_, layout, session) = ZtocCommandsTests.IndexedLayout(TestLayer.FromFiles(files), spanSize: "64KB");
            using var __ = session;
            var destination = Path.Combine(layout.Path, "out", "inner");
            Directory.CreateDirectory(destination);
            var before = TestLayout.Snapshot(layout.Path);

            var result = session.Invoke(Export, layout.Path, layout.LayerDigests[0], hostileName, destination);

            var error = result.Errors.Single();
            Assert.StartsWith("UnsafeFileName,", error.FullyQualifiedErrorId);
            Assert.Contains(problem, error.Exception.Message);
            Assert.Equal(before, TestLayout.Snapshot(layout.Path));
        }

        [Fact]
        public void A_ztoc_over_32_MiB_is_written_read_and_used_to_extract()
        {
            // 64 KiB spans over 80 MiB that does not compress: some 1,300 spans, each keeping a 32 KiB window in the zTOC.
            var (layer, layout, session) = ZtocCommandsTests.IndexedLayout(TestLayer.Varied(seed: 22, smallFiles: 2, bigFileSize: 80 << 20), spanSize: "64KB");
            using var _ = session;
            var destination = Path.Combine(layout.Path, "note.out");

            var ztocs = session.Invoke("Get-SociZtoc -Path $args[0] -LayerDigest $args[1]", layout.Path, layout.LayerDigests[0]);
            var export = session.Invoke(Export, layout.Path, layout.LayerDigests[0], "app/docs/note-1.txt", destination);

            ztocs.ThrowIfErrors();
            export.ThrowIfErrors();
            dynamic ztoc = ztocs.Emitted("SociZtocInfo").Single();
            Assert.True(ztoc.Size > 32L << 20, $"the zTOC is {ztoc.Size} bytes");
            Assert.Equal(layer.Files["app/docs/note-1.txt"], File.ReadAllBytes(destination));
        }
    }
}
