using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using SociTools.Tests.Finch;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using Xunit;

namespace SociTools.Tests.Commands
{
    [Collection(RegistryCollection.Name)]
    public class PushSociImageCommandTests
    {
        private readonly RegistryFixture _registries;

        public PushSociImageCommandTests(RegistryFixture registries)
        {
            _registries = registries;
        }

        [Fact]
        public async Task Pushes_a_v2_SOCI_enabled_image_that_skopeo_reads_back_unchanged()
        {
            var (layer, layout) = NewLayout(seed: 20);
            var before = TestLayout.Snapshot(layout.Path);
            var destination = $"{_registries.Anonymous.Host}/push-v2:1.0";
            using var session = new PowerShellSession();

            var result = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -SpanSize 1MB", layout.Path, destination);

            result.ThrowIfErrors();
            dynamic pushed = result.Emitted("SociPushResult").Single();
            Assert.Equal("V2", (string)pushed.IndexVersion);
            Assert.True((bool)pushed.IndexBuilt);
            var kinds = result.Emitted("SociPushedBlob").Select(b => (string)b.Kind).ToList();
            Assert.Equal(new[] { "Layer", "Ztoc" }, kinds.OrderBy(k => k));
            var raw = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + destination);
            Assert.Equal((string)pushed.ImageDigest, TestLayout.DigestOf(raw));
            var index = Encoding.UTF8.GetString(raw);
            Assert.Contains("application/vnd.oci.image.index.v1+json", index);
            Assert.Contains("\"artifactType\":\"application/vnd.amazon.soci.index.v2+json\"", index);
            // skopeo 1.9 cannot copy the whole index with --all --preserve-digests (it drops artifactType
            // when rewriting the list), so the platform image and the SOCI index are copied one by one.
            var copy = TestLayout.NewFolder("skopeo-copy");
            await Skopeo.RunAsync("copy", "--preserve-digests", "--src-tls-verify=false", "docker://" + destination, "oci:" + copy + ":image");
            Assert.Equal(layer.Gzip, File.ReadAllBytes(Path.Combine(copy, "blobs", "sha256", layout.LayerDigests[0].Substring(7))));
            var indexDigest = (string)pushed.IndexDigests[0];
            var repository = destination.Substring(0, destination.LastIndexOf(':'));
            await Skopeo.RunAsync("copy", "--preserve-digests", "--src-tls-verify=false", $"docker://{repository}@{indexDigest}", "oci:" + copy + ":index");
            var indexBytes = File.ReadAllBytes(Path.Combine(copy, "blobs", "sha256", indexDigest.Substring(7)));
            Assert.Equal(indexDigest, TestLayout.DigestOf(indexBytes));
            var ztocDigest = (string)result.Emitted("SociPushedBlob").Single(b => (string)b.Kind == "Ztoc").Digest;
            Assert.True(File.Exists(Path.Combine(copy, "blobs", "sha256", ztocDigest.Substring(7))));
            Assert.Equal(before, TestLayout.Snapshot(layout.Path));
        }

        [Fact]
        public async Task Pushes_the_index_New_SociIndex_wrote_into_the_layout_as_it_is()
        {
            var (_, layout) = NewLayout(seed: 27);
            var destination = $"{_registries.Anonymous.Host}/push-indexed:1.0";
            using var session = new PowerShellSession();
            var built = session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0", layout.Path);
            built.ThrowIfErrors();
            dynamic index = built.Emitted("SociIndex").Single();

            var result = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -SpanSize 1MB", layout.Path, destination);

            result.ThrowIfErrors();
            dynamic pushed = result.Emitted("SociPushResult").Single();
            Assert.False((bool)pushed.IndexBuilt);
            Assert.Equal((string)index.SociEnabledImageDigest, (string)pushed.ImageDigest);
            Assert.Equal((string)index.Digest, (string)pushed.IndexDigests[0]);
            Assert.Contains("-SpanSize", result.Streams.Warning.Single().Message);
            var raw = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + destination);
            Assert.Equal((string)index.SociEnabledImageDigest, TestLayout.DigestOf(raw));
        }

        [Fact]
        public void Pushing_again_sends_no_blob_the_registry_has()
        {
            var (_, layout) = NewLayout(seed: 21);
            var destination = $"{_registries.Anonymous.Host}/push-again:1.0";
            using var session = new PowerShellSession();
            session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0", layout.Path, destination).ThrowIfErrors();

            var again = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0", layout.Path, destination);

            again.ThrowIfErrors();
            dynamic result = again.Emitted("SociPushResult").Single();
            Assert.Equal(0, (int)result.BlobsSent);
            Assert.True((int)result.BlobsSkipped >= 4);
            Assert.All(again.Emitted("SociPushedBlob"), b => Assert.True((bool)b.AlreadyPresent));
        }

        [Fact]
        public async Task V1_pushes_the_unchanged_image_and_the_index_as_a_referrer_in_the_fallback_tag()
        {
            var (_, layout) = NewLayout(seed: 22);
            var destination = $"{_registries.Anonymous.Host}/push-v1:1.0";
            using var session = new PowerShellSession();

            var result = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -IndexVersion V1", layout.Path, destination);

            result.ThrowIfErrors();
            dynamic pushed = result.Emitted("SociPushResult").Single();
            Assert.Equal(layout.ManifestDigest, (string)pushed.ImageDigest);
            var manifest = await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + destination);
            Assert.Equal(layout.ManifestDigest, TestLayout.DigestOf(manifest));
            var fallbackTag = $"{_registries.Anonymous.Host}/push-v1:sha256-{layout.ManifestDigest.Substring(7)}";
            var referrers = Encoding.UTF8.GetString(await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + fallbackTag));
            Assert.Contains((string)pushed.IndexDigests[0], referrers);
            Assert.Contains("application/vnd.amazon.soci.index.v1+json", referrers);
        }

        [Fact]
        public async Task WhatIf_sends_nothing()
        {
            var (_, layout) = NewLayout(seed: 23);
            var destination = $"{_registries.Anonymous.Host}/push-whatif:1.0";
            using var session = new PowerShellSession();

            var result = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -WhatIf", layout.Path, destination);

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            await Assert.ThrowsAsync<InvalidOperationException>(() => Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "docker://" + destination));
        }

        [Fact]
        public void Basic_auth_works_with_Credential_and_a_wrong_password_is_a_clear_error_without_the_secret()
        {
            var (_, layout) = NewLayout(seed: 24);
            var destination = $"{_registries.Basic.Host}/push-auth:1.0";
            using var session = new PowerShellSession();
            session.SetVariable("good", new PSCredential(RegistryFixture.User, Secure(RegistryFixture.Password)));
            const string wrongPassword = "not-the-Passw0rd-xyz";
            session.SetVariable("bad", new PSCredential(RegistryFixture.User, Secure(wrongPassword)));

            var ok = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -Credential $good", layout.Path, destination);
            var error = session.InvokeExpectingItemError("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -Credential $bad -Verbose -Debug", layout.Path, destination + "-bad");

            ok.ThrowIfErrors();
            Assert.StartsWith("RegistryUnauthorized,", error.FullyQualifiedErrorId);
            Assert.Contains(RegistryFixture.User, error.Exception.Message);
            Assert.DoesNotContain(wrongPassword, error.ToString() + error.Exception);
            Assert.DoesNotContain(RegistryFixture.Password, ok.AllText());
        }

        [Fact]
        public void Credential_accepts_the_shape_of_Get_ECRLoginCommand_output()
        {
            var (_, layout) = NewLayout(seed: 25);
            var destination = $"{_registries.Basic.Host}/push-ecr-shape:1.0";
            using var session = new PowerShellSession();
            session.SetVariable("login", new PSObject(new { Username = RegistryFixture.User, Password = RegistryFixture.Password, ProxyEndpoint = "https://" + _registries.Basic.Host }));

            var result = session.Invoke("Push-SociImage -Path $args[0] -Destination $args[1] -MinLayerSize 0 -Credential $login", layout.Path, destination);

            result.ThrowIfErrors();
            Assert.Single(result.Emitted("SociPushResult"));
        }

        [Fact]
        public async Task Pushes_a_local_Finch_image_exported_with_finch_save()
        {
            var (_, layout) = NewLayout(seed: 26);
            var archive = Path.Combine(layout.Path + "-archive.tar");
            await Skopeo.RunAsync("copy", "oci:" + layout.Path + ":sample", "docker-archive:" + archive + ":app:1.0");
            using var finch = new FinchDouble("app:1.0", archive);
            var destination = $"{_registries.Anonymous.Host}/push-finch:1.0";
            using var session = new PowerShellSession();
            session.SetVariable("finchPath", finch.Executable);

            var result = session.Invoke("$env:SOCITOOLS_FINCH = $finchPath; try { Push-SociImage -Image app:1.0 -Destination $args[0] -MinLayerSize 0 } finally { $env:SOCITOOLS_FINCH = $null }", destination);
            var missing = session.InvokeExpectingItemError("$env:SOCITOOLS_FINCH = $finchPath; try { Push-SociImage -Image nope:2 -Destination $args[0] } finally { $env:SOCITOOLS_FINCH = $null }", destination);

            result.ThrowIfErrors();
            Assert.Contains(finch.Calls, call => call[0] == "save" && call[1] == "-o");
            Assert.Single(result.Emitted("SociPushResult"));
            Assert.StartsWith("FinchCommandFailed,", missing.FullyQualifiedErrorId);
            Assert.Contains("not found", missing.Exception.Message);
        }

        private static (TestLayer, TestLayout.Written) NewLayout(int seed)
        {
            var layer = TestLayer.Varied(seed);
            return (layer, TestLayout.Create(TestLayout.NewFolder("push"), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) }));
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            return secure;
        }
    }
}
