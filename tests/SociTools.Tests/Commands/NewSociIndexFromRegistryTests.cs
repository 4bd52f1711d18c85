using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using Xunit;

namespace SociTools.Tests.Commands
{
    [Collection(RegistryCollection.Name)]
    public class NewSociIndexFromRegistryTests
    {
        private readonly RegistryFixture _registries;

        public NewSociIndexFromRegistryTests(RegistryFixture registries)
        {
            _registries = registries;
        }

        [Fact]
        public async Task Indexes_an_image_in_the_registry_and_pushes_a_v2_index_identical_to_the_local_build()
        {
            var image = await PushPlainImageAsync(seed: 30, "remote-v2:1.0");
            using var session = new PowerShellSession();

            var remote = session.Invoke("New-SociIndex -Image $args[0] -Push -MinLayerSize 0 -SpanSize 1MB", image.Reference);
            var local = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize 1MB", image.Layout.Path);

            remote.ThrowIfErrors();
            local.ThrowIfErrors();
            dynamic remoteIndex = remote.Emitted("SociIndex").Single();
            dynamic localIndex = local.Emitted("SociIndex").Single();
            Assert.Equal((string)localIndex.Digest, (string)remoteIndex.Digest);
            Assert.Equal((string)localIndex.SociEnabledImageDigest, (string)remoteIndex.SociEnabledImageDigest);
            var tagged = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + image.Reference);
            Assert.Equal((string)remoteIndex.SociEnabledImageDigest, TestLayout.DigestOf(tagged));
        }

        [Fact]
        public async Task V1_index_is_pushed_as_a_referrer_of_the_unchanged_image()
        {
            var image = await PushPlainImageAsync(seed: 31, "remote-v1:1.0");
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Image $args[0] -Push -MinLayerSize 0 -IndexVersion V1", image.Reference);

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            var tagged = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + image.Reference);
            Assert.Equal(image.Layout.ManifestDigest, TestLayout.DigestOf(tagged));
            var fallback = $"{_registries.Anonymous.Host}/remote-v1:sha256-{image.Layout.ManifestDigest.Substring(7)}";
            Assert.Contains((string)index.Digest, Encoding.UTF8.GetString(await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + fallback)));
        }

        [Fact]
        public async Task OutputPath_writes_the_index_of_a_registry_image_to_a_layout_that_Get_SociZtoc_reads()
        {
            var image = await PushPlainImageAsync(seed: 32, "remote-layout:1.0");
            var output = TestLayout.NewFolder("remote-out");
            using var session = new PowerShellSession();

            var result = session.Invoke("New-SociIndex -Image $args[0] -OutputPath $args[1] -MinLayerSize 0", image.Reference, output);
            var ztocs = session.Invoke("Get-SociZtoc -Path $args[0]", output);

            result.ThrowIfErrors();
            ztocs.ThrowIfErrors();
            dynamic ztoc = ztocs.Emitted("SociZtocInfo").Single();
            Assert.Equal(image.Layout.LayerDigests[0], (string)ztoc.LayerDigest);
            var tagged = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + image.Reference);
            Assert.Equal(image.Layout.ManifestDigest, TestLayout.DigestOf(tagged));
        }

        [Fact]
        public void Without_Push_or_OutputPath_says_where_the_index_could_go()
        {
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingTerminatingError("New-SociIndex -Image $args[0]", $"{_registries.Anonymous.Host}/anything:1");

            Assert.StartsWith("IndexDestinationMissing,", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void Missing_image_is_a_RegistryNotFound_error_naming_it()
        {
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError("New-SociIndex -Image $args[0] -Push", $"{_registries.Anonymous.Host}/never-pushed:1");

            Assert.StartsWith("RegistryNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains("never-pushed", error.Exception.Message);
        }

        private async Task<(string Reference, TestLayout.Written Layout)> PushPlainImageAsync(int seed, string repositoryAndTag)
        {
            var layer = TestLayer.Varied(seed);
            var layout = TestLayout.Create(TestLayout.NewFolder("remote"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            var reference = $"{_registries.Anonymous.Host}/{repositoryAndTag}";
            await Skopeo.RunAsync("copy", "--preserve-digests", "--dest-tls-verify=false", "oci:" + layout.Path + ":sample", "docker://" + reference);
            return (reference, layout);
        }
    }
}
