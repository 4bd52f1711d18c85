using System.Linq;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class NewSociIndexPlatformTests
    {
        [Fact]
        public void AllPlatforms_indexes_each_platform_into_one_SOCI_enabled_image()
        {
            var layout = MultiPlatform();
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -AllPlatforms -MinLayerSize 0", layout.Path);

            result.ThrowIfErrors();
            var indexes = result.Emitted("SociIndex").ToList();
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, indexes.Select(i => (string)i.Platform).OrderBy(p => p));
            Assert.Single(indexes.Select(i => (string)i.SociEnabledImageDigest).Distinct());
        }

        [Fact]
        public void Platform_indexes_only_the_one_asked_for()
        {
            var layout = MultiPlatform();
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Path $args[0] -Platform linux/arm64 -MinLayerSize 0", layout.Path);

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("linux/arm64", (string)index.Platform);
            Assert.Equal(layout.LayerDigests[1], (string)((dynamic)result.Emitted("SociZtoc").Single()).LayerDigest);
        }

        [Fact]
        public void A_platform_the_image_lacks_is_an_error_naming_the_ones_it_has()
        {
            var layout = MultiPlatform();
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Path $args[0] -Platform linux/s390x", layout.Path);

            Assert.Contains("linux/amd64", error.Exception.Message);
            Assert.Contains("linux/arm64", error.Exception.Message);
        }

        private static TestLayout.Written MultiPlatform() =>
            TestLayout.CreateMultiPlatform(TestLayout.NewFolder("multi"), ("linux/amd64", TestLayer.Varied(50)), ("linux/arm64", TestLayer.Varied(51)));
    }
}
