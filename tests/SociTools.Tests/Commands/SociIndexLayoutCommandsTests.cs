using System.Collections.Generic;
using System.Linq;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Oci;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class SociIndexLayoutCommandsTests
    {
        private static TestLayout.Written NewLayout(TemporaryDirectory folder, int seed, out TestLayer layer)
        {
            layer = TestLayer.Varied(seed);
            return TestLayout.Create(folder.Combine("layout"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
        }

        [Fact]
        public void Path_lists_a_v2_index_found_through_the_annotation_of_the_soci_enabled_manifest()
        {
            using var folder = new TemporaryDirectory();
            var layout = NewLayout(folder, 21, out var layer);
            using var session = new PowerShellSession();
            dynamic built = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize 1MB", layout.Path).Emitted("SociIndex").Single();

            var result = session.Invoke("Get-SociIndex -Path $args[0]", layout.Path);

            result.ThrowIfErrors();
            Assert.Empty(result.Streams.Warning);
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V2", index.Version);
            Assert.Equal("v2 annotation", index.FoundBy);
            Assert.Equal(built.Digest, index.Digest);
            Assert.Equal(built.SociEnabledImageDigest, index.SociEnabledImageDigest);
            Assert.NotEqual(layout.ManifestDigest, index.ImageManifestDigest);
            Assert.Equal(layout.Path, index.Location);
            dynamic ztoc = Assert.Single((IEnumerable<dynamic>)index.Ztocs);
            Assert.Equal(layout.LayerDigests[0], ztoc.LayerDigest);
            Assert.Equal(layer.Files.Count, ztoc.FileCount);
            Assert.True(ztoc.SpanCount >= 3, $"{ztoc.SpanCount} spans");
        }

        [Fact]
        public void Path_lists_a_v1_index_from_index_json_and_warns_that_finch_ignores_v1()
        {
            using var folder = new TemporaryDirectory();
            var layout = NewLayout(folder, 22, out _);
            using var session = new PowerShellSession();
            dynamic built = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize 1MB -IndexVersion V1", layout.Path).Emitted("SociIndex").Single();

            var result = session.Invoke("Get-SociIndex -Path $args[0] -AllPlatforms", layout.Path);

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V1", index.Version);
            Assert.Equal("layout index.json", index.FoundBy);
            Assert.Equal(built.Digest, index.Digest);
            Assert.Equal(layout.ManifestDigest, index.ImageManifestDigest);
            Assert.Single((IEnumerable<dynamic>)index.Ztocs);
            Assert.Contains("ignores v1 indexes by default", Assert.Single(result.Streams.Warning).Message);
        }

        [Fact]
        public void Path_takes_a_v1_entry_without_artifactType_for_an_index_not_an_image()
        {
            using var folder = new TemporaryDirectory();
            var layout = NewLayout(folder, 25, out _);
            using var session = new PowerShellSession();
            dynamic built = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize 1MB -IndexVersion V1", layout.Path).Emitted("SociIndex").Single();
            var indexJson = System.IO.Path.Combine(layout.Path, "index.json");
            var withArtifactType = System.IO.File.ReadAllText(indexJson);
            System.IO.File.WriteAllText(indexJson, withArtifactType.Replace(",\"artifactType\":\"application/vnd.amazon.soci.index.v1+json\"", ""));
            Assert.DoesNotContain("artifactType", System.IO.File.ReadAllText(indexJson));

            var result = session.Invoke("Get-SociIndex -Path $args[0]", layout.Path);

            result.ThrowIfErrors();
            Assert.Equal(built.Digest, result.Emitted("SociIndex").Single().Digest);
            Assert.Contains("ignores v1 indexes by default", Assert.Single(result.Streams.Warning).Message);
        }

        [Fact]
        public void Path_without_index_warns_and_emits_nothing()
        {
            using var folder = new TemporaryDirectory();
            var layout = NewLayout(folder, 23, out _);
            using var session = new PowerShellSession();

            var result = session.Invoke("Get-SociIndex -Path $args[0]", layout.Path);

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.Contains("No SOCI index was found", Assert.Single(result.Streams.Warning).Message);
        }

        [Fact]
        public void Platform_and_AllPlatforms_choose_the_manifests_of_a_multi_platform_image()
        {
            using var folder = new TemporaryDirectory();
            var layout = new RawLayout(folder.Combine("layout"));
            var amd64 = layout.AddImage("linux/amd64");
            amd64.Platform = Core.Oci.Platform.Parse("linux/amd64");
            var arm64 = layout.AddImage("linux/arm64");
            arm64.Platform = Core.Oci.Platform.Parse("linux/arm64");
            layout.List(layout.AddIndex(Core.Oci.MediaTypes.OciIndex, amd64, arm64), refName: "multi");
            using var session = new PowerShellSession();
            session.Invoke("New-SociIndex -Path $args[0] -AllPlatforms -MinLayerSize 0 -SpanSize 1MB", layout.Directory).ThrowIfErrors();

            var all = session.Invoke("Get-SociIndex -Path $args[0] -AllPlatforms", layout.Directory);
            var arm = session.Invoke("Get-SociIndex -Path $args[0] -Platform linux/arm64", layout.Directory);

            all.ThrowIfErrors();
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, all.Emitted("SociIndex").Select(i => (string)i.Platform).OrderBy(p => p));
            Assert.All(all.Emitted("SociIndex"), i => Assert.Equal("v2 annotation", (string)i.FoundBy));
            arm.ThrowIfErrors();
            Assert.Equal("linux/arm64", arm.Emitted("SociIndex").Single().Platform);
        }

        [Fact]
        public void Path_with_a_platform_the_image_lacks_is_an_error_naming_the_platforms_it_has()
        {
            using var folder = new TemporaryDirectory();
            var layout = NewLayout(folder, 24, out _);
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("Get-SociIndex -Path $args[0] -Platform linux/s390x", layout.Path);

            Assert.StartsWith("InvalidImageContent,", error.FullyQualifiedErrorId);
            Assert.Contains("linux/amd64", error.Exception.Message);
        }
    }
}
