using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class NewSociIndexCommandTests
    {
        private const long SmallMinimum = 1 << 20;

        [Fact]
        public void Indexes_a_layout_and_emits_layers_then_ztocs_then_the_index()
        {
            var big = TestLayer.Varied(seed: 1);
            var small = TestLayer.FromFiles(new Dictionary<string, byte[]> { ["etc/hostname"] = new byte[] { 1, 2, 3 } });
            var layout = TestLayout.Create(TestLayout.NewFolder("index"), new[]
            {
                (TestLayout.GzipLayer, small.Gzip, small.Tar),
                (TestLayout.GzipLayer, big.Gzip, big.Tar),
            });
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize $args[1] -SpanSize 1MB", layout.Path, SmallMinimum);

            result.ThrowIfErrors();
            var types = result.Output.Select(o => o.BaseObject.GetType().Name).ToList();
            Assert.Equal(new[] { "SociLayer", "SociLayer", "SociZtoc", "SociIndex" }, types);
            var layers = result.Emitted("SociLayer").ToList();
            Assert.False(layers[0].Indexed);
            Assert.Contains("less than min-layer-size", layers[0].SkipReason);
            Assert.True(layers[1].Indexed);
            dynamic ztoc = result.Emitted("SociZtoc").Single();
            Assert.Equal(layout.LayerDigests[1], ztoc.LayerDigest);
            Assert.True(ztoc.SpanCount >= 3, $"{ztoc.SpanCount} spans");
            Assert.Equal(big.Files.Count, ztoc.FileCount);
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V2", index.Version);
            Assert.Equal(layout.ManifestDigest, index.ImageManifestDigest);
            Assert.True(File.Exists(BlobPath(layout.Path, index.Digest)));
            Assert.True(File.Exists(BlobPath(layout.Path, ztoc.Digest)));
            Assert.Contains(index.SociEnabledImageDigest!.Substring(7), File.ReadAllText(Path.Combine(layout.Path, "index.json")));
        }

        [Fact]
        public void WhatIf_writes_nothing_and_emits_nothing()
        {
            var big = TestLayer.Varied(seed: 2);
            var layout = TestLayout.Create(TestLayout.NewFolder("whatif"), new[] { (TestLayout.GzipLayer, big.Gzip, big.Tar) });
            var before = TestLayout.Snapshot(layout.Path);
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -WhatIf", layout.Path);

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.Equal(before, TestLayout.Snapshot(layout.Path));
        }

        [Fact]
        public void Missing_path_is_a_terminating_PathNotFound_error()
        {
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Path $args[0]", Path.Combine(Path.GetTempPath(), "no-such-layout-here"));

            Assert.StartsWith("PathNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains("no-such-layout-here", error.Exception.Message);
        }

        [Fact]
        public void Corrupt_layer_is_a_terminating_error_and_nothing_is_written()
        {
            var big = TestLayer.Varied(seed: 3);
            var corrupt = (byte[])big.Gzip.Clone();
            for (var i = corrupt.Length / 2; i < corrupt.Length / 2 + 64; i++) corrupt[i] ^= 0x5A;
            var layout = TestLayout.Create(TestLayout.NewFolder("corrupt"), new[] { (TestLayout.GzipLayer, corrupt, big.Tar) });
            var before = TestLayout.Snapshot(layout.Path);
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Path $args[0] -MinLayerSize 0", layout.Path);

            Assert.StartsWith("LayerContentInvalid,", error.FullyQualifiedErrorId);
            Assert.Contains(layout.LayerDigests[0], error.Exception.Message);
            Assert.Equal(before, TestLayout.Snapshot(layout.Path));
        }

        [Fact]
        public void V1_adds_the_index_to_index_json_beside_the_unchanged_image()
        {
            var big = TestLayer.Varied(seed: 4);
            var layout = TestLayout.Create(TestLayout.NewFolder("v1"), new[] { (TestLayout.GzipLayer, big.Gzip, big.Tar) });
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -IndexVersion V1", layout.Path);

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V1", index.Version);
            Assert.Null(index.SociEnabledImageDigest);
            var indexJson = File.ReadAllText(Path.Combine(layout.Path, "index.json"));
            Assert.Contains(layout.ManifestDigest, indexJson);
            Assert.Contains(index.Digest, indexJson);
            Assert.Contains("\"subject\":{", File.ReadAllText(BlobPath(layout.Path, index.Digest)));
        }

        [Fact]
        public void Parameters_bind_from_the_pipeline_by_property_name()
        {
            var big = TestLayer.Varied(seed: 5);
            var layout = TestLayout.Create(TestLayout.NewFolder("pipeline"), new[] { (TestLayout.GzipLayer, big.Gzip, big.Tar) });
            using var session = new PowerShellSession();

            var result = session.Invoke("[pscustomobject]@{ FullName = $args[0] } | New-SociIndex -MinLayerSize 0 | Where-Object { $_ -is [SociTools.SociIndex] }", layout.Path);

            result.ThrowIfErrors();
            Assert.Single(result.Emitted("SociIndex"));
        }

        [Fact]
        public void Invalid_platform_text_is_an_argument_error()
        {
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -Platform 'amd64'", Path.GetTempPath());

            Assert.StartsWith("InvalidArgument,", result.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("os/architecture", result.Errors.Single().Exception.Message);
        }

        private static string BlobPath(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest.Substring(7));
    }
}
