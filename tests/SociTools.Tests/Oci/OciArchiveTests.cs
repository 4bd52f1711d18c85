using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Archives;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class OciArchiveTests : IDisposable
    {
        private readonly TemporaryDirectory _temp = new TemporaryDirectory();

        public void Dispose() => _temp.Dispose();

        private string Output => _temp.Combine("out");

        [Fact]
        public async Task Extracts_an_oci_archive_keeping_its_index_bytes()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "v1");
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));

            var layout = await OciArchive.ExtractAsync(archive, Output, CancellationToken.None);

            Assert.Equal(File.ReadAllBytes(Path.Combine(raw.Directory, "index.json")), File.ReadAllBytes(Path.Combine(Output, "index.json")));
            var manifest = await layout.ReadManifestAsync(await layout.ResolveAsync("v1", CancellationToken.None), CancellationToken.None);
            await layout.ReadAllBytesAsync(manifest.Layers[0], CancellationToken.None);
            Assert.Empty(Directory.GetDirectories(Output, ".extract-*"));
        }

        [Fact]
        public async Task A_gzip_compressed_oci_archive_is_extracted_too()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "v1");
            var plain = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));
            var compressed = _temp.Combine("image.tar.gz");
            File.WriteAllBytes(compressed, TestImages.Gzip(File.ReadAllBytes(plain)));

            var layout = await OciArchive.ExtractAsync(compressed, Output, CancellationToken.None);

            Assert.Equal(image.Digest, (await layout.ResolveAsync("v1", CancellationToken.None)).Digest);
        }

        [Fact]
        public async Task A_blob_whose_bytes_do_not_match_its_name_is_refused_and_no_output_is_left()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "v1");
            File.WriteAllText(raw.BlobPath(image.Digest), "{\"schemaVersion\":2}");
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains(image.Digest.ToString(), error.Message);
            Assert.False(Directory.Exists(Output));
        }

        [Fact]
        public async Task A_failed_extraction_into_an_empty_directory_leaves_it_empty()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            var image = raw.AddImage("linux/amd64");
            raw.List(image, refName: "v1");
            File.Delete(raw.BlobPath(image.Digest));
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));
            Directory.CreateDirectory(Output);

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("does not hold that blob", error.Message);
            Assert.Empty(Directory.GetFileSystemEntries(Output));
        }

        [Theory]
        [InlineData("../escaped.txt")]
        [InlineData("blobs/../../escaped.txt")]
        public async Task Entries_climbing_out_of_the_output_are_refused_with_nothing_written_outside(string hostileName)
        {
            var archive = _temp.Combine("evil.tar");
            using (var tar = new TarArchiveBuilder(archive))
            {
                tar.File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}").File(hostileName, "gotcha");
            }

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("refusing", error.Message);
            Assert.False(File.Exists(_temp.Combine("escaped.txt")));
            Assert.False(Directory.Exists(Output));
        }

        [Fact]
        public async Task Absolute_entry_names_are_refused()
        {
            var outside = _temp.Combine("absolute.txt");
            var archive = _temp.Combine("evil.tar");
            using (var tar = new TarArchiveBuilder(archive)) tar.File(outside, "gotcha");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("absolute path", error.Message);
            Assert.False(File.Exists(outside));
        }

        [Fact]
        public async Task A_link_pointing_outside_the_archive_is_refused()
        {
            var secret = _temp.Combine("secret.txt");
            File.WriteAllText(secret, "private");
            var archive = _temp.Combine("evil.tar");
            using (var tar = new TarArchiveBuilder(archive))
            {
                tar.File("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                    .Symlink("blobs/sha256/" + Digest.Compute(Encoding.UTF8.GetBytes("private")).Encoded, "../../../secret.txt");
            }

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("points outside the archive", error.Message);
            Assert.False(Directory.Exists(Output));
        }

        [Fact]
        public async Task A_file_entry_reused_as_a_directory_is_reported_as_a_conflict()
        {
            var archive = _temp.Combine("odd.tar");
            using (var tar = new TarArchiveBuilder(archive)) tar.File("blobs", "a file").File("blobs/sha256/x", "inside a file");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("conflicts", error.Message);
        }

        [Fact]
        public async Task A_cancelled_extraction_stops_and_leaves_no_output()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            raw.List(raw.AddImage("linux/amd64"), refName: "v1");
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OciArchive.ExtractAsync(archive, Output, new CancellationToken(canceled: true)));

            Assert.False(Directory.Exists(Output));
        }

        [Fact]
        public async Task A_docker_save_archive_is_not_taken_for_an_oci_archive()
        {
            var archive = _temp.Combine("docker.tar");
            using (var tar = new TarArchiveBuilder(archive)) tar.File("manifest.json", "[]");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("docker save archive", error.Message);
        }

        [Fact]
        public async Task A_file_that_is_not_a_tar_is_reported_as_such()
        {
            var archive = _temp.Combine("image.tar");
            File.WriteAllBytes(archive, TestImages.Gzip(Encoding.UTF8.GetBytes("not a tar at all")));

            var error = await Assert.ThrowsAnyAsync<SociFormatException>(() => OciArchive.ExtractAsync(archive, Output, CancellationToken.None));

            Assert.Contains("image.tar", error.Message);
        }

        [Fact]
        public async Task Extracting_into_an_existing_layout_adds_the_archive_images()
        {
            var first = new RawLayout(_temp.Combine("first"));
            first.List(first.AddImage("linux/amd64", "one"), refName: "one");
            var second = new RawLayout(_temp.Combine("second"));
            second.List(second.AddImage("linux/amd64", "two"), refName: "two");
            foreach (var source in new[] { first, second })
            {
                var archive = TarArchiveBuilder.OfDirectory(source.Directory, source.Directory + ".tar");
                await OciArchive.ExtractAsync(archive, Output, CancellationToken.None);
            }

            var layout = OciLayout.Open(Output);
            var index = await layout.ReadIndexAsync();

            Assert.Equal(new[] { "one", "two" }, index.Manifests.Select(d => d.Annotation("org.opencontainers.image.ref.name")));
            await layout.ResolveAsync("one", CancellationToken.None);
        }

        [Fact]
        public async Task Reads_an_oci_archive_written_by_skopeo()
        {
            var raw = new RawLayout(_temp.Combine("src"));
            var image = raw.AddImage("linux/arm64");
            raw.List(image, refName: "src");
            var archive = _temp.Combine("skopeo.tar");
            await ExternalTool.RunAsync("skopeo", "copy", "oci:" + raw.Directory + ":src", "oci-archive:" + archive + ":app:2");

            var source = await ImageSourceOpener.OpenAsync(archive, Output, CancellationToken.None);

            Assert.Equal(ImageSourceKind.OciArchive, source.Kind);
            Assert.Equal(image.Digest, (await source.Layout.ResolveImageAsync("app:2")).Digest);
        }
    }
}
