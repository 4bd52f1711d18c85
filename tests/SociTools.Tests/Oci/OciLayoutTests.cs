using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class OciLayoutTests : IDisposable
    {
        private readonly TemporaryDirectory _temp = new TemporaryDirectory();

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void Open_refuses_a_directory_without_an_oci_layout_file()
        {
            File.WriteAllText(_temp.Combine("index.json"), "{}");

            var error = Assert.Throws<SociFormatException>(() => OciLayout.Open(_temp.Path));

            Assert.Contains("not an OCI image layout", error.Message);
            Assert.Contains("oci-layout", error.Message);
        }

        [Fact]
        public void Open_refuses_a_layout_whose_index_names_a_path_instead_of_a_digest()
        {
            var raw = new RawLayout(_temp.Path);
            File.WriteAllText(_temp.Combine("index.json"),
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:../../../etc/passwd\",\"size\":3}]}");

            var error = Assert.Throws<SociFormatException>(() => OciLayout.Open(raw.Directory));

            Assert.Contains("index.json", error.Message);
        }

        [Fact]
        public async Task Reads_a_blob_and_verifies_its_digest()
        {
            var raw = new RawLayout(_temp.Path);
            var blob = raw.AddBlob(Encoding.UTF8.GetBytes("layer bytes"), MediaTypes.OciLayerTar);
            var layout = OciLayout.Open(raw.Directory);

            var bytes = await layout.ReadAllBytesAsync(blob, CancellationToken.None);

            Assert.Equal("layer bytes", Encoding.UTF8.GetString(bytes));
            Assert.Equal(raw.BlobPath(blob.Digest), layout.BlobPath(blob.Digest));
        }

        [Fact]
        public async Task Reading_a_blob_altered_on_disk_fails_verification()
        {
            var raw = new RawLayout(_temp.Path);
            var blob = raw.AddBlob(Encoding.UTF8.GetBytes("layer bytes"), MediaTypes.OciLayerTar);
            File.WriteAllBytes(raw.BlobPath(blob.Digest), Encoding.UTF8.GetBytes("LAYER BYTES"));
            var layout = OciLayout.Open(raw.Directory);

            using var stream = await layout.OpenAsync(blob, CancellationToken.None);
            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => stream.CopyToAsync(Stream.Null));

            Assert.Contains("corrupted or replaced", error.Message);
        }

        [Fact]
        public async Task Opening_a_blob_of_the_wrong_size_fails_at_once()
        {
            var raw = new RawLayout(_temp.Path);
            var blob = raw.AddBlob(Encoding.UTF8.GetBytes("layer bytes"), MediaTypes.OciLayerTar);
            File.WriteAllBytes(raw.BlobPath(blob.Digest), Encoding.UTF8.GetBytes("short"));
            var layout = OciLayout.Open(raw.Directory);

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => layout.OpenAsync(blob, CancellationToken.None));

            Assert.Contains("5 bytes", error.Message);
        }

        [Fact]
        public async Task A_manifest_declaring_an_oversized_length_is_refused_before_reading()
        {
            var raw = new RawLayout(_temp.Path);
            var image = raw.AddImage("linux/amd64");
            image.Size = ContentReaderExtensions.MaxDocumentSize + 1;
            var layout = OciLayout.Open(raw.Directory);

            var error = await Assert.ThrowsAsync<SociFormatException>(() => layout.ReadManifestAsync(image, CancellationToken.None));

            Assert.Contains("are refused", error.Message);
        }

        [Fact]
        public async Task Push_with_a_wrong_digest_leaves_nothing_in_blobs()
        {
            var layout = OciLayout.Create(_temp.Combine("layout"));
            var claimed = TestImages.Describe(Encoding.UTF8.GetBytes("expected"), MediaTypes.OciLayerTar);
            claimed.Size = 8;

            await Assert.ThrowsAsync<ContentVerificationException>(() =>
                layout.PushAsync(claimed, new MemoryStream(Encoding.UTF8.GetBytes("tampered")), CancellationToken.None));

            Assert.Empty(Directory.GetFiles(_temp.Combine("layout", "blobs"), "*", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task Push_stores_a_blob_once_and_skips_it_when_present()
        {
            var layout = OciLayout.Create(_temp.Combine("layout"));
            var content = Encoding.UTF8.GetBytes("blob");
            var descriptor = TestImages.Describe(content, MediaTypes.OciLayerTar);

            await layout.PushAsync(descriptor, new MemoryStream(content), CancellationToken.None);
            await layout.PushAsync(descriptor, new MemoryStream(Encoding.UTF8.GetBytes("other")), CancellationToken.None);

            Assert.Equal(content, File.ReadAllBytes(layout.BlobPath(descriptor.Digest)));
            Assert.True(await layout.ExistsAsync(descriptor, CancellationToken.None));
        }

        [Fact]
        public async Task Create_refuses_a_non_empty_directory_that_is_not_a_layout()
        {
            File.WriteAllText(_temp.Combine("notes.txt"), "mine");

            var error = Assert.Throws<SociFormatException>(() => OciLayout.Create(_temp.Path));

            Assert.Contains("refusing", error.Message);
            await Task.CompletedTask;
        }

        [Fact]
        public async Task Index_updates_are_written_in_go_form_without_leftover_files()
        {
            var layout = OciLayout.Create(_temp.Combine("layout"));
            var raw = new RawLayout(_temp.Combine("source"));
            var image = raw.AddImage("linux/amd64");
            await CopyImageAsync(raw, layout, image);

            await layout.TagAsync(image, "v1", CancellationToken.None);

            var written = File.ReadAllBytes(_temp.Combine("layout", "index.json"));
            Assert.Equal(OciJson.Serialize(await layout.ReadIndexAsync()), written);
            Assert.DoesNotContain(Directory.GetFiles(_temp.Combine("layout")), f => Path.GetFileName(f).StartsWith(".tmp-"));
        }

        [Fact]
        public async Task Resolves_images_by_tag_full_name_digest_or_as_the_only_image()
        {
            var raw = new RawLayout(_temp.Path);
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "latest", containerdName: "docker.io/library/app:latest");
            var layout = OciLayout.Open(raw.Directory);

            Assert.Equal(image.Digest, (await layout.ResolveAsync("latest", CancellationToken.None)).Digest);
            Assert.Equal(image.Digest, (await layout.ResolveAsync("app:latest", CancellationToken.None)).Digest);
            Assert.Equal(image.Digest, (await layout.ResolveAsync("app", CancellationToken.None)).Digest);
            Assert.Equal(image.Digest, (await layout.ResolveAsync(image.Digest.ToString(), CancellationToken.None)).Digest);
            Assert.Equal(image.Digest, (await layout.ResolveImageAsync(null)).Digest);
            Assert.Equal(image.Digest, (await layout.ResolveAsync("", CancellationToken.None)).Digest);
        }

        [Fact]
        public async Task Unknown_or_ambiguous_references_list_the_images_there_are()
        {
            var raw = new RawLayout(_temp.Path);
            raw.List(raw.AddImage("linux/amd64", "one"), refName: "one");
            raw.List(raw.AddImage("linux/amd64", "two"), refName: "two");
            var layout = OciLayout.Open(raw.Directory);

            var missing = await Assert.ThrowsAsync<ImageReferenceException>(() => layout.ResolveAsync("three", CancellationToken.None));
            var ambiguous = await Assert.ThrowsAsync<ImageReferenceException>(() => layout.ResolveImageAsync(null));

            Assert.Contains("no image named 'three'", missing.Message);
            Assert.Contains("one, two", missing.Message);
            Assert.Contains("holds 2 images", ambiguous.Message);
            Assert.Equal(new[] { "one", "two" }, ambiguous.AvailableNames);
        }

        [Fact]
        public async Task Tagging_moves_the_name_off_the_previous_image()
        {
            var raw = new RawLayout(_temp.Path);
            var first = raw.AddImage("linux/amd64", "one");
            var second = raw.AddImage("linux/amd64", "two");
            raw.List(first, refName: "stable");
            var layout = OciLayout.Open(raw.Directory);

            await layout.TagAsync(second, "stable", CancellationToken.None);

            Assert.Equal(second.Digest, (await layout.ResolveAsync("stable", CancellationToken.None)).Digest);
            Assert.Single((await layout.ReadIndexAsync()).Manifests);
        }

        [Fact]
        public async Task Tagging_a_named_image_gives_the_new_entry_only_the_new_name()
        {
            var raw = new RawLayout(_temp.Path);
            raw.List(raw.AddImage("linux/amd64"), refName: "latest", containerdName: "docker.io/library/app:latest");
            var layout = OciLayout.Open(raw.Directory);
            var resolved = await layout.ResolveAsync("latest", CancellationToken.None);

            await layout.TagAsync(resolved, "v2", CancellationToken.None);

            var tagged = await layout.ResolveAsync("v2", CancellationToken.None);
            Assert.Null(tagged.Annotation("io.containerd.image.name"));
            Assert.Equal(2, (await layout.ReadIndexAsync()).Manifests.Count);
        }

        [Fact]
        public async Task A_layout_written_here_is_read_by_skopeo_and_umoci()
        {
            var layout = OciLayout.Create(_temp.Combine("layout"));
            var raw = new RawLayout(_temp.Combine("source"));
            var image = raw.AddImage("linux/arm64");
            await CopyImageAsync(raw, layout, image);
            await layout.TagAsync(image, "v1", CancellationToken.None);

            var inspected = await ExternalTool.RunAsync("skopeo", "inspect", "oci:" + layout.Directory + ":v1");
            var tags = await ExternalTool.RunAsync("umoci", "ls", "--layout", layout.Directory);
            var stat = await ExternalTool.RunAsync("umoci", "stat", "--json", "--image", layout.Directory + ":v1");

            Assert.Contains("\"Architecture\": \"arm64\"", inspected);
            Assert.Equal("v1", tags.Trim());
            Assert.Contains("history", stat);
        }

        [Fact]
        public async Task Reads_a_layout_that_skopeo_wrote()
        {
            var raw = new RawLayout(_temp.Combine("source"));
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "src");
            await ExternalTool.RunAsync("skopeo", "copy", "oci:" + raw.Directory + ":src", "oci:" + _temp.Combine("copy") + ":copied");

            var layout = OciLayout.Open(_temp.Combine("copy"));
            var resolved = await layout.ResolveAsync("copied", CancellationToken.None);
            var manifest = await layout.ReadManifestAsync(resolved, CancellationToken.None);

            Assert.Equal(image.Digest, resolved.Digest);
            Assert.Single(manifest.Layers);
            Assert.True(await layout.ExistsAsync(manifest.Layers[0], CancellationToken.None));
        }

        internal static async Task CopyImageAsync(RawLayout source, OciLayout target, Descriptor image)
        {
            var reader = OciLayout.Open(source.Directory);
            var manifest = await reader.ReadManifestAsync(image, CancellationToken.None);
            foreach (var blob in manifest.Layers.Append(manifest.Config).Append(image))
            {
                using var content = await reader.OpenAsync(blob, CancellationToken.None);
                await target.PushAsync(blob, content, CancellationToken.None);
            }
        }
    }
}
