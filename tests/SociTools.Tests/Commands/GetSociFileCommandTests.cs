using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using SociTools.Tests.Soci;
using Xunit;

namespace SociTools.Tests.Commands
{
    [Collection(RegistryCollection.Name)]
    public sealed class GetSociFileCommandTests : IDisposable
    {
        private const string GetFile = "Get-SociFile -Image $args[0] -Name $args[1] -Destination $args[2] -Platform linux/amd64";

        private readonly RegistryFixture _registries;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "socitools-getfile-" + Guid.NewGuid().ToString("n"));

        public GetSociFileCommandTests(RegistryFixture registries)
        {
            _registries = registries;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Reads_files_byte_identical_through_a_v2_index_fetching_far_less_than_their_layer()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var session = new PowerShellSession();

            foreach (var (name, layer) in new[] { ("/app/data/model.bin", 0), ("app/docs/note-3.txt", 1), ("app/docs/note-11.txt", 0), ("app/tools/tool-link.bin", 1) })
            {
                var destination = Path.Combine(_folder, Path.GetFileName(name));
                var result = session.Invoke(GetFile, image.ImageReference, name, destination);

                result.ThrowIfErrors();
                dynamic export = result.Emitted("SociFileExport").Single();
                var expected = image.VisibleFiles[name.TrimStart('/')];
                Assert.Equal(expected, File.ReadAllBytes(destination));
                Assert.Equal("/" + name.TrimStart('/'), export.Name);
                Assert.Equal(destination, export.Destination);
                Assert.Equal(expected.Length, export.Size);
                Assert.Equal(image.Layers[layer].Digest.ToString(), export.LayerDigest);
                Assert.Equal(image.Layers[layer].Size, export.LayerSize);
                Assert.InRange((long)export.CompressedBytesRead, 1, expected.Length + 2 * LayeredImage.SpanSize);
                Assert.True(export.CompressedBytesRead < export.LayerSize, $"{export.CompressedBytesRead} of {export.LayerSize} bytes fetched");
                Assert.True(export.SpansRead >= 1);
            }
        }

        [Fact]
        public async Task Finds_a_v1_index_through_the_referrers_fallback_tag()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V1");
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var fallback = await client.GetManifestAsync(image.Repository.WithTag(RegistryClient.FallbackTagName(image.ImageManifest)), CancellationToken.None);
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "note-3.txt");

            var result = session.Invoke(GetFile + " -Verbose", image.ImageReference, "app/docs/note-3.txt", destination);

            result.ThrowIfErrors();
            Assert.Contains("application/vnd.amazon.soci.index.v1+json", System.Text.Encoding.UTF8.GetString(fallback.Bytes));
            Assert.Contains(result.Streams.Verbose, v => v.Message.Contains("using soci v1 index via referrers API"));
            Assert.Equal(image.VisibleFiles["app/docs/note-3.txt"], File.ReadAllBytes(destination));
            Assert.Equal(image.Layers[1].Digest.ToString(), result.Emitted("SociFileExport").Single().LayerDigest);
        }

        [Fact]
        public async Task A_layer_without_a_ztoc_is_fetched_whole_with_a_warning_and_said_so_in_the_output()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2", smallTopLayer: true);
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "note-5.txt");

            var result = session.Invoke(GetFile, image.ImageReference, "app/docs/note-5.txt", destination);

            result.ThrowIfErrors();
            dynamic export = result.Emitted("SociFileExport").Single();
            Assert.Equal(image.VisibleFiles["app/docs/note-5.txt"], File.ReadAllBytes(destination));
            Assert.True(export.LayerFetchedWhole);
            Assert.Equal(image.Layers[2].Size, export.CompressedBytesRead);
            Assert.Equal(0, export.SpansRead);
            Assert.Contains(result.Streams.Warning, w => w.Message.Contains($"Layer {image.Layers[2].Digest} has no zTOC") && w.Message.Contains("fetched whole"));
        }

        [Fact]
        public async Task Reads_a_file_of_an_uncompressed_tar_layer_fetching_only_its_bytes()
        {
            var layer = TestLayer.Varied(seed: 31);
            var layout = TestLayout.Create(TestLayout.NewFolder("tar-layer"), new[] { ("application/vnd.oci.image.layer.v1.tar", layer.Tar, layer.Tar) });
            var repository = _registries.Anonymous.Repository("getfile/tar-layer");
            using var session = new PowerShellSession();
            session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize 0 -SpanSize 1MB", layout.Path).ThrowIfErrors();
            await LayeredImage.PushLayoutAsync(_registries.Anonymous, layout.Path, repository);
            Directory.Delete(layout.Path, recursive: true);
            var destination = Path.Combine(_folder, "note.txt");

            var result = session.Invoke(GetFile, repository.WithTag(LayeredImage.Tag).ToString(), "app/docs/note-9.txt", destination);

            result.ThrowIfErrors();
            dynamic export = result.Emitted("SociFileExport").Single();
            Assert.Equal(layer.Files["app/docs/note-9.txt"], File.ReadAllBytes(destination));
            Assert.Equal(layer.Files["app/docs/note-9.txt"].Length, export.CompressedBytesRead);
            Assert.Equal(layer.Tar.Length, export.LayerSize);
            Assert.False(export.LayerFetchedWhole);
        }

        [Theory]
        [InlineData("app/secret.txt", "whiteout '/app/.wh.secret.txt'")]
        [InlineData("app/cache/stale.txt", "makes '/app/cache' opaque")]
        [InlineData("app/conf/settings.ini", "'/app/conf' is a regular file, not a directory")]
        [InlineData("app/libz.so", "is a symlink to '../lib/libz.so'")]
        [InlineData("no/such/file", "'/no/such/file' is in none of the image's 2 layers")]
        public async Task A_file_the_image_does_not_show_is_a_FileNotInZtoc_error_and_writes_nothing(string name, string explanation)
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "hidden.out");

            var error = session.InvokeExpectingItemError(GetFile, image.ImageReference, name, destination);

            Assert.StartsWith("FileNotInZtoc,", error.FullyQualifiedErrorId);
            Assert.Contains(explanation, error.Exception.Message);
            Assert.False(File.Exists(destination));
        }

        [Fact]
        public async Task WhatIf_writes_nothing_and_an_existing_destination_needs_Force()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var session = new PowerShellSession();
            var fresh = Path.Combine(_folder, "whatif.out");
            var existing = Path.Combine(_folder, "existing.out");
            File.WriteAllText(existing, "keep me");

            var whatIf = session.Invoke(GetFile + " -WhatIf", image.ImageReference, "app/docs/note-1.txt", fresh);
            var refused = session.Invoke(GetFile, image.ImageReference, "app/docs/note-1.txt", existing);
            var kept = File.ReadAllText(existing);
            var forced = session.Invoke(GetFile + " -Force", image.ImageReference, "app/docs/note-1.txt", existing);

            whatIf.ThrowIfErrors();
            Assert.Empty(whatIf.Output);
            Assert.False(File.Exists(fresh));
            Assert.StartsWith("DestinationExists,", refused.Errors.Single().FullyQualifiedErrorId);
            Assert.Equal("keep me", kept);
            forced.ThrowIfErrors();
            Assert.Equal(image.VisibleFiles["app/docs/note-1.txt"], File.ReadAllBytes(existing));
        }

        [Fact]
        public async Task Reads_from_a_basic_auth_registry_with_Credential_and_a_wrong_password_is_a_clear_error_without_the_secret()
        {
            var image = await LayeredImage.GetAsync(_registries.Basic, "V2");
            using var session = new PowerShellSession();
            const string wrongPassword = "not-the-Passw0rd-42";
            var good = Path.Combine(_folder, "good.out");
            var bad = Path.Combine(_folder, "bad.out");
            session.SetVariable("wrong", new PSCredential(RegistryFixture.User, Secure(wrongPassword)));

            // An object with Username and Password, as Get-ECRLoginCommand returns, is taken as a credential too.
            var accepted = session.Invoke(GetFile + " -Credential ([pscustomobject]@{ Username = $args[3]; Password = $args[4] })",
                image.ImageReference, "app/docs/note-3.txt", good, RegistryFixture.User, RegistryFixture.Password);
            var refused = session.Invoke(GetFile + " -Credential $wrong", image.ImageReference, "app/docs/note-3.txt", bad);

            accepted.ThrowIfErrors();
            Assert.Equal(image.VisibleFiles["app/docs/note-3.txt"], File.ReadAllBytes(good));
            var error = refused.Errors.Single();
            Assert.StartsWith("RegistryUnauthorized,", error.FullyQualifiedErrorId);
            Assert.Contains(_registries.Basic.Host, error.Exception.Message);
            Assert.DoesNotContain(wrongPassword, refused.AllText());
            Assert.DoesNotContain(RegistryFixture.Password, refused.AllText());
            Assert.False(File.Exists(bad));
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            return secure;
        }

        [Fact]
        public async Task A_folder_as_Destination_receives_the_file_under_its_own_name()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var session = new PowerShellSession();

            var result = session.Invoke(GetFile, image.ImageReference, "/app/docs/note-2.txt", _folder);

            result.ThrowIfErrors();
            var written = Path.Combine(_folder, "note-2.txt");
            Assert.Equal(written, result.Emitted("SociFileExport").Single().Destination);
            Assert.Equal(image.VisibleFiles["app/docs/note-2.txt"], File.ReadAllBytes(written));
        }

        [Fact]
        public async Task A_platform_the_image_lacks_is_an_error_naming_the_platforms_it_has()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError(
                "Get-SociFile -Image $args[0] -Name app/empty -Destination $args[1] -Platform linux/s390x", image.ImageReference, Path.Combine(_folder, "s390x.out"));

            Assert.Contains("has no manifest for linux/s390x", error.Exception.Message);
            Assert.Contains("linux/amd64", error.Exception.Message);
        }

        [Fact]
        public async Task An_image_without_a_SOCI_index_is_a_SociIndexNotFound_error()
        {
            using var client = new RegistryClient();
            var repository = _registries.Anonymous.Repository("getfile/plain");
            await TestImage.Create("no index here", fileSize: 2 << 20).PushAsync(client, repository, "v1");
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError(GetFile, repository.WithTag("v1").ToString(), "hello.txt", Path.Combine(_folder, "plain.out"));

            Assert.StartsWith("SociIndexNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains("New-SociIndex", error.Exception.Message);
        }

        [Fact]
        public async Task Reads_a_file_from_the_image_after_skopeo_copies_it_with_its_index()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            var copy = _registries.Anonymous.Repository("getfile/skopeo-copy").WithTag(LayeredImage.Tag).ToString();
            // Not --preserve-digests: skopeo 1.9 insists on rewriting the image index's MIME type; the manifests keep their digests.
            await Skopeo.RunAsync("copy", "--all", "--insecure-policy", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://" + image.ImageReference, "docker://" + copy);
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "copied.out");

            var result = session.Invoke(GetFile, copy, "app/data/model.bin", destination);

            result.ThrowIfErrors();
            Assert.Equal(image.VisibleFiles["app/data/model.bin"], File.ReadAllBytes(destination));
        }
    }
}
