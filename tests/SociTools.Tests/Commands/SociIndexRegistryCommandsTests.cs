using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Registry;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using SociTools.Tests.Soci;
using Xunit;

namespace SociTools.Tests.Commands
{
    [Collection(RegistryCollection.Name)]
    public class SociIndexRegistryCommandsTests
    {
        private readonly RegistryFixture _registries;

        public SociIndexRegistryCommandsTests(RegistryFixture registries) => _registries = registries;

        [Fact]
        public async Task Get_finds_a_v2_index_through_the_manifest_annotation()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/get-v2"), seed: 11);
            var built = image.Index(session, "V2");
            await image.PushImageWithClientAsync(client);

            var result = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Empty(result.Streams.Warning);
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V2", index.Version);
            Assert.Equal("v2 annotation", index.FoundBy);
            Assert.Equal(built.Digest, index.Digest);
            Assert.Equal(built.SociEnabledImageDigest, index.SociEnabledImageDigest);
            Assert.Equal("linux/amd64", index.Platform);
            Assert.Equal($"{image.Repository}@{built.Digest}", index.Location);
            dynamic ztoc = Assert.Single((System.Collections.Generic.IEnumerable<dynamic>)index.Ztocs);
            Assert.Equal(image.Layout.LayerDigests[0], ztoc.LayerDigest);
            Assert.Equal((long)image.Layer.Gzip.Length, ztoc.LayerSize);
            Assert.Equal(image.Layer.Files.Count, ztoc.FileCount);
            Assert.True(ztoc.SpanCount >= 3, $"{ztoc.SpanCount} spans");
        }

        [Fact]
        public async Task Get_finds_a_v1_index_through_the_referrers_tag_and_warns_that_finch_ignores_v1()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/get-v1"), seed: 12);
            var built = await image.IndexAndPushV1Async(session, client);
            await image.PushForeignReferrerAsync(client);

            var result = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());

            result.ThrowIfErrors();
            dynamic index = result.Emitted("SociIndex").Single();
            Assert.Equal("V1", index.Version);
            Assert.Equal("referrers tag", index.FoundBy);
            Assert.Equal(built.Digest, index.Digest);
            Assert.Equal(image.Layout.ManifestDigest, index.ImageManifestDigest);
            Assert.Null(index.SociEnabledImageDigest);
            Assert.Single((System.Collections.Generic.IEnumerable<dynamic>)index.Ztocs);
            var warning = Assert.Single(result.Streams.Warning).Message;
            Assert.Contains("ignores v1 indexes by default", warning);
            Assert.Contains(image.Layout.ManifestDigest, warning);
        }

        [Fact]
        public async Task Get_warns_about_an_index_whose_bytes_the_snapshotter_would_change()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/get-reencoded"), seed: 26);
            var built = await image.IndexAndPushV1Async(session, client);
            var spaced = System.Text.Encoding.UTF8.GetBytes(" " + System.Text.Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(image.BlobPath((string)built.Digest))));
            var pushed = await client.PutManifestAsync(image.Repository.WithDigest(Core.Oci.Digest.Compute(spaced)), Core.Oci.MediaTypes.OciManifest, spaced, default);

            var result = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Equal(2, result.Emitted("SociIndex").Count());
            var warned = result.Streams.Warning.Where(w => w.Message.Contains("would fail at pull")).ToList();
            Assert.Contains(pushed.Digest.ToString(), Assert.Single(warned).Message);
        }

        [Fact]
        public async Task Get_on_an_image_without_index_warns_why_lazy_loading_would_not_happen_and_emits_nothing()
        {
            using var session = new PowerShellSession();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/get-none"), seed: 13);
            await image.PushImageAsync();

            var result = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            var warning = Assert.Single(result.Streams.Warning).Message;
            Assert.Contains("No SOCI index was found", warning);
            Assert.Contains("deferring to container runtime", warning);
            Assert.Contains(image.Layout.ManifestDigest, warning);
        }

        [Fact]
        public async Task Remove_deletes_a_v1_index_and_keeps_another_tools_referrer_in_the_fallback_tag()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-v1"), seed: 14);
            var built = await image.IndexAndPushV1Async(session, client);
            var foreign = await image.PushForeignReferrerAsync(client);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -Confirm:$false", image.Image.ToString());

            result.ThrowIfErrors();
            dynamic removed = result.Emitted("SociIndex").Single();
            Assert.Equal(built.Digest, removed.Digest);
            Assert.False(await image.ManifestExistsAsync(client, built.Digest));
            Assert.Equal(new[] { foreign.Digest.ToString() }, await image.FallbackTagListAsync(client));
            Assert.True(await image.ManifestExistsAsync(client, image.Layout.ManifestDigest));
            var after = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());
            Assert.Empty(after.Output);
            Assert.Contains("No SOCI index was found", Assert.Single(after.Streams.Warning).Message);
        }

        [Fact]
        public async Task Remove_drops_fallback_entries_whose_manifest_is_gone_instead_of_failing()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-stale"), seed: 27);
            var built = await image.IndexAndPushV1Async(session, client);
            var foreign = await image.PushForeignReferrerAsync(client);
            await client.DeleteManifestAsync(image.Repository, foreign.Digest, default);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -Confirm:$false", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Equal(built.Digest, result.Emitted("SociIndex").Single().Digest);
            Assert.Empty(await image.FallbackTagListAsync(client));
        }

        [Fact]
        public async Task Remove_of_the_last_referrer_deletes_the_fallback_tag()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-last"), seed: 15);
            var built = await image.IndexAndPushV1Async(session, client);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -Confirm:$false", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Single(result.Emitted("SociIndex"));
            Assert.Empty(await image.FallbackTagListAsync(client));
            Assert.DoesNotContain("sha256-" + image.Layout.ManifestDigest.Substring(7), await client.ListTagsAsync(image.Repository, default));
        }

        [Fact]
        public async Task Remove_with_WhatIf_deletes_nothing_and_emits_nothing()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-whatif"), seed: 16);
            var built = await image.IndexAndPushV1Async(session, client);
            var before = await image.FallbackTagListAsync(client);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -WhatIf", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Empty(result.Output);
            Assert.True(await image.ManifestExistsAsync(client, built.Digest));
            Assert.Equal(before, await image.FallbackTagListAsync(client));
        }

        [Fact]
        public async Task Remove_with_Digest_deletes_only_that_index()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-one"), seed: 17);
            var first = image.Index(session, "V1", spanSize: "1MB");
            var second = image.Index(session, "V1", spanSize: "2MB");
            Assert.NotEqual(first.Digest, second.Digest);
            await image.PushImageAsync();
            await image.PushV1IndexAsync(client, first.Digest);
            await image.PushV1IndexAsync(client, second.Digest);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -Digest $args[1] -Confirm:$false", image.Image.ToString(), (string)first.Digest);

            result.ThrowIfErrors();
            Assert.Equal(first.Digest, result.Emitted("SociIndex").Single().Digest);
            Assert.False(await image.ManifestExistsAsync(client, first.Digest));
            Assert.True(await image.ManifestExistsAsync(client, second.Digest));
            Assert.Equal(new[] { (string)second.Digest }, await image.FallbackTagListAsync(client));
            var left = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());
            Assert.Equal(second.Digest, left.Emitted("SociIndex").Single().Digest);
        }

        [Fact]
        public async Task Indexes_piped_from_Get_SociIndex_are_removed_one_by_one()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-piped"), seed: 25);
            var first = await image.IndexAndPushV1Async(session, client);
            var second = image.Index(session, "V1", spanSize: "2MB");
            await image.PushV1IndexAsync(client, (string)second.Digest);

            var result = session.Invoke("Get-SociIndex -Image $args[0] -WarningAction SilentlyContinue | Remove-SociIndex -Confirm:$false -WarningAction SilentlyContinue", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Equal(new[] { (string)first.Digest, (string)second.Digest }.OrderBy(d => d), result.Emitted("SociIndex").Select(i => (string)i.Digest).OrderBy(d => d));
            Assert.False(await image.ManifestExistsAsync(client, first.Digest));
            Assert.False(await image.ManifestExistsAsync(client, second.Digest));
            Assert.Empty(await image.FallbackTagListAsync(client));
        }

        [Fact]
        public async Task Remove_with_a_Digest_naming_no_index_is_a_SociIndexNotFound_error_listing_the_found_ones()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-wrong"), seed: 18);
            var built = await image.IndexAndPushV1Async(session, client);
            var unknown = "sha256:" + new string('e', 64);

            var error = session.InvokeExpectingItemError("Remove-SociIndex -Image $args[0] -Digest $args[1] -Confirm:$false", image.Image.ToString(), unknown);

            Assert.StartsWith("SociIndexNotFound,", error.FullyQualifiedErrorId);
            Assert.Contains(unknown, error.Exception.Message);
            Assert.Contains((string)built.Digest, error.Exception.Message);
            Assert.True(await image.ManifestExistsAsync(client, built.Digest));
        }

        [Fact]
        public async Task Remove_of_a_v2_index_warns_that_the_image_now_points_to_a_missing_index()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(_registries.Anonymous.Repository("soci/remove-v2"), seed: 19);
            var built = image.Index(session, "V2");
            await image.PushImageWithClientAsync(client);

            var result = session.Invoke("Remove-SociIndex -Image $args[0] -Confirm:$false", image.Image.ToString());

            result.ThrowIfErrors();
            Assert.Equal(built.Digest, result.Emitted("SociIndex").Single().Digest);
            Assert.False(await image.ManifestExistsAsync(client, built.Digest));
            Assert.Contains("points to a missing index", Assert.Single(result.Streams.Warning).Message);
            var after = session.Invoke("Get-SociIndex -Image $args[0]", image.Image.ToString());
            Assert.Empty(after.Output);
            Assert.Contains("does not hold that index", Assert.Single(after.Streams.Warning).Message);
        }

        [Fact]
        public void Wrong_password_is_a_RegistryUnauthorized_error_that_shows_no_secret()
        {
            using var session = new PowerShellSession();
            const string wrongPassword = "Wr0ng-but-secret-9431";
            var password = new System.Security.SecureString();
            foreach (var c in wrongPassword) password.AppendChar(c);
            session.SetVariable("credential", new PSCredential(RegistryFixture.User, password));
            var reference = _registries.Basic.Repository("private/soci").WithTag("v1").ToString();

            var result = session.Invoke("Get-SociIndex -Image $args[0] -Credential $credential", reference);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RegistryUnauthorized,", error.FullyQualifiedErrorId);
            Assert.Contains("Check the user name and password", error.Exception.Message);
            Assert.DoesNotContain(wrongPassword, result.AllText());
            Assert.DoesNotContain(RegistryFixture.Password, result.AllText());
        }

        [Fact]
        public async Task Credential_is_used_to_list_and_remove_on_a_registry_with_basic_auth()
        {
            using var session = new PowerShellSession();
            using var client = new RegistryClient(new RegistryClientOptions { CredentialProvider = new TestCredentials(RegistryFixture.User, RegistryFixture.Password) });
            using var image = IndexedRegistryImage.Create(_registries.Basic.Repository("private/soci-remove"), seed: 28);
            var built = await image.IndexAndPushV1Async(session, client, $"{RegistryFixture.User}:{RegistryFixture.Password}");
            var password = new System.Security.SecureString();
            foreach (var c in RegistryFixture.Password) password.AppendChar(c);
            session.SetVariable("credential", new PSCredential(RegistryFixture.User, password));

            var listed = session.Invoke("Get-SociIndex -Image $args[0] -Credential $credential -WarningAction SilentlyContinue", image.Image.ToString());
            var removed = session.Invoke("Remove-SociIndex -Image $args[0] -Credential $credential -Confirm:$false", image.Image.ToString());

            listed.ThrowIfErrors();
            Assert.Equal(built.Digest, listed.Emitted("SociIndex").Single().Digest);
            removed.ThrowIfErrors();
            Assert.Equal(built.Digest, removed.Emitted("SociIndex").Single().Digest);
            Assert.False(await image.ManifestExistsAsync(client, built.Digest));
            Assert.Empty(await image.FallbackTagListAsync(client));
            Assert.DoesNotContain(RegistryFixture.Password, listed.AllText() + removed.AllText());
        }

        [Fact]
        public async Task Registry_with_deletes_disabled_is_a_RegistryOperationUnsupported_error_and_the_referrers_stay()
        {
            using var registry = RegistryServer.Start(deleteEnabled: false);
            using var session = new PowerShellSession();
            using var client = new RegistryClient();
            using var image = IndexedRegistryImage.Create(registry.Repository("soci/no-delete"), seed: 20);
            var built = await image.IndexAndPushV1Async(session, client);

            var error = session.InvokeExpectingItemError("Remove-SociIndex -Image $args[0] -Confirm:$false", image.Image.ToString());

            Assert.StartsWith("RegistryOperationUnsupported,", error.FullyQualifiedErrorId);
            Assert.Contains("does not allow deleting manifests", error.Exception.Message);
            Assert.True(await image.ManifestExistsAsync(client, built.Digest));
            Assert.Equal(new[] { (string)built.Digest }, await image.FallbackTagListAsync(client));
        }
    }
}
