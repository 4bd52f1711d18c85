using System.IO;
using System.Linq;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class ZtocCommandsTests
    {
        [Fact]
        public void Get_SociZtoc_lists_every_file_with_offsets_and_spans()
        {
            var (layer, layout, session) = IndexedLayout(seed: 10);
            using var _ = session;

            var result = session.Invoke("Get-SociZtoc -Path $args[0] -LayerDigest $args[1]", layout.Path, layout.LayerDigests[0]);

            result.ThrowIfErrors();
            dynamic ztoc = result.Emitted("SociZtocInfo").Single();
            Assert.Equal(layout.LayerDigests[0], ztoc.LayerDigest);
            Assert.Equal("gzip", ztoc.Compression);
            Assert.Equal(layer.Tar.Length, ztoc.UncompressedArchiveSize);
            Assert.Equal(ztoc.SpanCount, ztoc.SpanDigests.Count);
            var model = ((System.Collections.Generic.IEnumerable<object>)ztoc.Files).Cast<dynamic>().Single(f => f.Name == "app/data/model.bin");
            Assert.Equal("reg", model.Type);
            Assert.Equal(layer.Files["app/data/model.bin"], layer.Tar.Skip((int)model.Offset).Take((int)model.Size).ToArray());
            Assert.True(model.EndSpan > model.StartSpan);
        }

        [Fact]
        public void Export_SociFile_extracts_byte_identical_files_reading_only_their_spans()
        {
            var (layer, layout, session) = IndexedLayout(seed: 11);
            using var _ = session;
            var compressedSize = new FileInfo(Path.Combine(layout.Path, "blobs", "sha256", layout.LayerDigests[0].Substring(7))).Length;

            foreach (var name in new[] { "app/docs/note-7.txt", "/app/data/model.bin", "./app/docs/note-39.txt" })
            {
                var destination = Path.Combine(layout.Path, "out-" + Path.GetFileName(name));
                var result = session.Invoke("Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name $args[2] -Destination $args[3]",
                    layout.Path, layout.LayerDigests[0], name, destination);

                result.ThrowIfErrors();
                dynamic export = result.Emitted("SociFileExport").Single();
                Assert.Equal(layer.Files[name.TrimStart('.', '/')], File.ReadAllBytes(destination));
                Assert.InRange(export.CompressedBytesRead, 1, compressedSize - 1);
                Assert.Equal(compressedSize, export.LayerSize);
            }
        }

        [Fact]
        public void Export_SociFile_of_a_missing_file_is_a_clear_error_and_writes_nothing()
        {
            var (_, layout, session) = IndexedLayout(seed: 12);
            using var __ = session;
            var destination = Path.Combine(layout.Path, "missing.out");

            var result = session.Invoke("Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name no/such/file -Destination $args[2]",
                layout.Path, layout.LayerDigests[0], destination);

            Assert.Contains("'no/such/file' is not in the zTOC", result.Errors.Single().Exception.Message);
            Assert.False(File.Exists(destination));
        }

        [Fact]
        public void Export_SociFile_refuses_to_overwrite_without_Force_and_WhatIf_writes_nothing()
        {
            var (_, layout, session) = IndexedLayout(seed: 13);
            using var __ = session;
            var destination = Path.Combine(layout.Path, "existing.out");
            File.WriteAllText(destination, "keep me");

            var refused = session.Invoke("Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name app/empty -Destination $args[2]",
                layout.Path, layout.LayerDigests[0], destination);
            var whatIf = session.Invoke("Export-SociFile -Path $args[0] -LayerDigest $args[1] -Name app/docs/note-1.txt -Destination $args[2] -Force -WhatIf",
                layout.Path, layout.LayerDigests[0], destination);

            Assert.StartsWith("DestinationExists,", refused.Errors.Single().FullyQualifiedErrorId);
            whatIf.ThrowIfErrors();
            Assert.Empty(whatIf.Output);
            Assert.Equal("keep me", File.ReadAllText(destination));
        }

        private static (TestLayer Layer, TestLayout.Written Layout, PowerShellSession Session) IndexedLayout(int seed) => IndexedLayout(TestLayer.Varied(seed));

        /// <summary>A layout of one gzip layer, indexed by New-SociIndex in the session returned.</summary>
        internal static (TestLayer Layer, TestLayout.Written Layout, PowerShellSession Session) IndexedLayout(TestLayer layer, string spanSize = "1MB")
        {
            var layout = TestLayout.Create(TestLayout.NewFolder("ztoc"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            var session = new PowerShellSession();
            session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize " + spanSize, layout.Path).ThrowIfErrors();
            return (layer, layout, session);
        }
    }
}
