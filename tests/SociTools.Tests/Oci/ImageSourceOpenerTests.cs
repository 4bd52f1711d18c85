using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class ImageSourceOpenerTests : IDisposable
    {
        private readonly TemporaryDirectory _temp = new TemporaryDirectory();

        public void Dispose() => _temp.Dispose();

        [Fact]
        public async Task A_directory_is_opened_as_a_layout_in_place()
        {
            var raw = new RawLayout(_temp.Combine("layout"));
            raw.List(raw.AddImage("linux/amd64"), refName: "v1");

            var source = await ImageSourceOpener.OpenAsync(raw.Directory, null, CancellationToken.None);

            Assert.Equal(ImageSourceKind.Layout, source.Kind);
            Assert.Equal(Path.GetFullPath(raw.Directory), source.Layout.Directory);
        }

        [Fact]
        public async Task An_archive_without_an_output_directory_asks_for_one()
        {
            var archive = _temp.Combine("image.tar");
            using (var tar = new TarArchiveBuilder(archive)) tar.File("oci-layout", "{}");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => ImageSourceOpener.OpenAsync(archive, null, CancellationToken.None));

            Assert.Contains("give an output directory", error.Message);
        }

        [Fact]
        public async Task An_archive_is_not_extracted_over_a_directory_with_other_files()
        {
            var raw = new RawLayout(_temp.Combine("layout"));
            raw.List(raw.AddImage("linux/amd64"), refName: "v1");
            var archive = TarArchiveBuilder.OfDirectory(raw.Directory, _temp.Combine("image.tar"));
            var output = _temp.Combine("documents");
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "report.txt"), "keep me");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => ImageSourceOpener.OpenAsync(archive, output, CancellationToken.None));

            Assert.Contains("not empty", error.Message);
            Assert.Equal(new[] { Path.Combine(output, "report.txt") }, Directory.GetFileSystemEntries(output));
        }

        [Fact]
        public async Task A_tar_that_is_neither_kind_of_image_archive_is_named_as_such()
        {
            var archive = _temp.Combine("backup.tar");
            using (var tar = new TarArchiveBuilder(archive)) tar.File("home/user/notes.txt", "hello");

            var error = await Assert.ThrowsAsync<SociFormatException>(() => ImageSourceOpener.OpenAsync(archive, _temp.Combine("out"), CancellationToken.None));

            Assert.Contains("neither an OCI archive", error.Message);
            Assert.False(Directory.Exists(_temp.Combine("out")));
        }

        [Fact]
        public async Task A_missing_path_is_reported()
        {
            var error = await Assert.ThrowsAsync<SociFormatException>(() => ImageSourceOpener.OpenAsync(_temp.Combine("nope.tar"), _temp.Combine("out"), CancellationToken.None));

            Assert.Contains("does not exist", error.Message);
        }
    }
}
