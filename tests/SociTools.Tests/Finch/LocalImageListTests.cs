using System.Linq;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Output;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Finch
{
    public class LocalImageListTests
    {
        public static string Row(string repository, string tag, string name, string digest, string platform = "linux/amd64") =>
            "{\"CreatedAt\":\"2026-12-02 21:00:00 +0000 UTC\",\"CreatedSince\":\"3 hours ago\",\"Digest\":\"" + digest +
            "\",\"ID\":\"" + digest.Substring(7, 12) + "\",\"Repository\":\"" + repository + "\",\"Tag\":\"" + tag + "\",\"Name\":\"" + name +
            "\",\"Size\":\"211.5MB\",\"BlobSize\":\"78.1MB\",\"Platform\":\"" + platform + "\"}";

        private static readonly string Listing = string.Join("\n",
            Row("alpine", "latest", "docker.io/library/alpine:latest", FinchOutputText.Sha('a')),
            Row("alpine", "latest", "docker.io/library/alpine:latest", FinchOutputText.Sha('a'), "linux/arm64"),
            Row("127.0.0.1:5000/app", "1.0", "127.0.0.1:5000/app:1.0", FinchOutputText.Sha('b')),
            Row("<none>", "<none>", "", FinchOutputText.Sha('c'))) + "\n";

        [Fact]
        public void Reads_one_row_per_line_with_every_field()
        {
            var images = LocalImageList.Parse(Listing);

            Assert.Equal(4, images.Count);
            var first = images[0];
            Assert.Equal("alpine", first.Repository);
            Assert.Equal("docker.io/library/alpine:latest", first.Name);
            Assert.Equal(FinchOutputText.Sha('a'), first.Digest);
            Assert.Equal("aaaaaaaaaaaa", first.Id);
            Assert.Equal("211.5MB", first.Size);
            Assert.Equal("linux/amd64", first.Platform);
        }

        [Theory]
        [InlineData("alpine", 2)]
        [InlineData("alpine:latest", 2)]
        [InlineData("docker.io/library/alpine", 2)]
        [InlineData("alpine:3.20", 0)]
        [InlineData("127.0.0.1:5000/app:1.0", 1)]
        [InlineData("127.0.0.1:5000/app", 0)]
        [InlineData("127.0.0.1:5000/other:1.0", 0)]
        public void Matches_short_and_full_names_as_nerdctl_normalizes_them(string image, int rows)
        {
            Assert.Equal(rows, LocalImageList.Matching(LocalImageList.Parse(Listing), Reference.Parse(image)).Count);
        }

        [Fact]
        public void Matches_a_digest_reference_by_target_digest()
        {
            var images = LocalImageList.Parse(Listing);

            Assert.Single(LocalImageList.Matching(images, Reference.Parse("127.0.0.1:5000/app@" + FinchOutputText.Sha('b'))));
            Assert.Empty(LocalImageList.Matching(images, Reference.Parse("127.0.0.1:5000/app@" + FinchOutputText.Sha('a'))));
        }

        [Theory]
        [InlineData("127.0.0.1:5000/app@")]
        [InlineData("")]
        public void A_row_stored_by_digest_is_not_the_latest_tag(string namePrefix)
        {
            // nerdctl lists an image pulled by digest with tag <none> (and its name, when it prints one, by digest).
            var rows = LocalImageList.Parse(Row("127.0.0.1:5000/app", "<none>", namePrefix.Length == 0 ? "" : namePrefix + FinchOutputText.Sha('d'), FinchOutputText.Sha('d')));

            Assert.Empty(LocalImageList.Matching(rows, Reference.Parse("127.0.0.1:5000/app")));
            Assert.Empty(LocalImageList.Matching(rows, Reference.Parse("127.0.0.1:5000/app:latest")));
            Assert.Single(LocalImageList.Matching(rows, Reference.Parse("127.0.0.1:5000/app@" + FinchOutputText.Sha('d'))));
        }

        [Fact]
        public void An_empty_listing_has_no_images()
        {
            Assert.Empty(LocalImageList.Parse("\n"));
        }

        [Fact]
        public void A_table_instead_of_json_fails_with_the_line()
        {
            var error = Assert.Throws<FinchException>(() => LocalImageList.Parse("REPOSITORY    TAG    IMAGE ID\n"));

            Assert.Contains("Line 1 of 'finch image ls --format json'", error.Message);
            Assert.Contains("REPOSITORY", error.Message);
        }
    }
}
