using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc.Extraction;
using SociTools.Tests.Registry;
using Xunit;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Locating;

namespace SociTools.Tests.Soci
{
    [Collection(RegistryCollection.Name)]
    public class ImageFileReaderTests
    {
        private readonly RegistryFixture _registries;

        public ImageFileReaderTests(RegistryFixture registries) => _registries = registries;

        [Theory]
        [InlineData("app/data/model.bin", 1)]
        [InlineData("/app/docs/note-5.txt", 1)]
        [InlineData("app/docs/note-3.txt", 2)]
        [InlineData("./app/cache/fresh.txt", 2)]
        [InlineData("app/conf", 2)]
        [InlineData("lib/libz.so", 1)]
        [InlineData("app/tools/tool-link.bin", 2)]
        [InlineData("app/empty", 1)]
        public async Task Reads_the_visible_version_of_a_file_byte_identical_from_the_layer_that_shows_it(string name, int layerNumber)
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var (reader, fetches, manifest, index) = await OpenAsync(client, image);

            using var location = await reader.LocateAsync(manifest, index, name, CancellationToken.None);
            var output = new MemoryStream();
            var read = await reader.ExtractAsync(location, output, CancellationToken.None);

            var path = name.TrimStart('.', '/');
            Assert.Equal(image.VisibleFiles[path], output.ToArray());
            Assert.Equal(layerNumber, location.LayerNumber);
            Assert.Equal(image.Layers[layerNumber - 1].Digest, location.Layer.Digest);
            Assert.Equal(fetches.Sum(f => (long)f.Length), read.CompressedBytesFetched);
            Assert.Equal(location.SpanCount, read.SpansRead);
        }

        [Fact]
        public async Task Fetches_only_the_spans_that_hold_the_file_in_one_request()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var (reader, fetches, manifest, index) = await OpenAsync(client, image);

            using var small = await reader.LocateAsync(manifest, index, "app/docs/note-20.txt", CancellationToken.None);
            var smallRead = await reader.ExtractAsync(small, Stream.Null, CancellationToken.None);
            var smallFetches = fetches.ToList();
            fetches.Clear();
            using var big = await reader.LocateAsync(manifest, index, "app/data/model.bin", CancellationToken.None);
            var bigRead = await reader.ExtractAsync(big, Stream.Null, CancellationToken.None);

            var bottomLayer = image.Layers[0].Size;
            Assert.Single(smallFetches);
            Assert.Equal(CompressedSizeOfSpans(small), smallRead.CompressedBytesFetched);
            Assert.True(smallRead.CompressedBytesFetched < bottomLayer / 2, $"{smallRead.CompressedBytesFetched} of {bottomLayer} bytes fetched");
            Assert.Single(fetches);
            Assert.Equal(CompressedSizeOfSpans(big), bigRead.CompressedBytesFetched);
            Assert.InRange(bigRead.CompressedBytesFetched, big.Size, big.Size + 2 * LayeredImage.SpanSize);
            Assert.True(bigRead.SpansRead >= 3, $"{bigRead.SpansRead} spans");
        }

        [Fact]
        public async Task Bytes_that_do_not_match_a_span_digest_fail_the_read()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var (honest, _, manifest, index) = await OpenAsync(client, image);
            using var location = await honest.LocateAsync(manifest, index, "app/data/model.bin", CancellationToken.None);
            var corrupting = new ImageFileReader(new RegistryRepository(client, image.Repository), async (blob, offset, length, token) =>
            {
                var bytes = await client.ReadBlobRangeAsync(image.Repository, blob.Digest, offset, length, token);
                bytes[length / 2] ^= 0x40;
                return bytes;
            });

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => corrupting.ExtractAsync(location, Stream.Null, CancellationToken.None));

            Assert.Contains($"of layer {image.Layers[0].Digest} has digest", error.Message);
            Assert.Contains("its zTOC records", error.Message);
        }

        [Theory]
        [InlineData("app/secret.txt", "deletes '/app/secret.txt' with the whiteout '/app/.wh.secret.txt'")]
        [InlineData("app/old/left.txt", "deletes '/app/old' with the whiteout '/app/.wh.old'")]
        [InlineData("app/cache/stale.txt", "makes '/app/cache' opaque")]
        [InlineData("app/conf/settings.ini", "'/app/conf' is a regular file, not a directory")]
        [InlineData("app/libz.so", "is a symlink to '../lib/libz.so'")]
        [InlineData("app/no-such-file", "is in none of the image's 2 layers")]
        [InlineData("app/docs", "is a directory")]
        public async Task A_file_the_image_does_not_show_is_a_clear_error(string name, string explanation)
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var (reader, fetches, manifest, index) = await OpenAsync(client, image);

            var error = await Assert.ThrowsAsync<ZtocFileNotFoundException>(() => reader.LocateAsync(manifest, index, name, CancellationToken.None));

            Assert.Contains(explanation, error.Message);
            Assert.Empty(fetches);
        }

        [Fact]
        public async Task A_layer_without_a_ztoc_is_fetched_whole_to_find_or_hide_the_file()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2", smallTopLayer: true);
            using var client = LayeredImage.ClientFor(_registries.Anonymous);
            var (reader, fetches, manifest, index) = await OpenAsync(client, image);
            var small = image.Layers[2];

            using var overwritten = await reader.LocateAsync(manifest, index, "app/docs/note-5.txt", CancellationToken.None);
            var overwrittenBytes = new MemoryStream();
            var overwrittenRead = await reader.ExtractAsync(overwritten, overwrittenBytes, CancellationToken.None);
            using var below = await reader.LocateAsync(manifest, index, "app/docs/note-4.txt", CancellationToken.None);
            var belowBytes = new MemoryStream();
            var belowRead = await reader.ExtractAsync(below, belowBytes, CancellationToken.None);
            var deleted = await Assert.ThrowsAsync<ZtocFileNotFoundException>(() => reader.LocateAsync(manifest, index, "app/docs/note-6.txt", CancellationToken.None));

            Assert.Equal(image.VisibleFiles["app/docs/note-5.txt"], overwrittenBytes.ToArray());
            Assert.NotNull(overwritten.WholeLayer);
            Assert.Equal(small.Digest, overwritten.Layer.Digest);
            Assert.Equal(small.Size, overwrittenRead.CompressedBytesFetched);
            Assert.Equal(image.VisibleFiles["app/docs/note-4.txt"], belowBytes.ToArray());
            Assert.Null(below.WholeLayer);
            Assert.Equal(new[] { small.Digest }, below.LayersFetchedWhole.Select(l => l.Digest));
            Assert.Equal(fetches.Sum(f => (long)f.Length), belowRead.CompressedBytesFetched);
            Assert.Contains($"layer 3 of 3 ({small.Digest}) deletes '/app/docs/note-6.txt'", deleted.Message);
        }

        [Fact]
        public async Task A_zstd_layer_without_a_ztoc_above_the_file_is_an_error_naming_that_layer()
        {
            var bottom = SociTestImages.Layer("bottom", 20 * SociTestImages.MiB);
            var top = SociTestImages.Layer("top", 1000, MediaTypes.OciLayerZstd);
            var image = SociTestImages.Manifest(bottom, top);
            var ztoc = SociTestImages.ZtocFor(bottom);
            var index = SociIndexReader.Read(OciJson.Serialize(new Manifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.SociIndexV2, Digest = Digest.Compute(new byte[] { 0 }), Size = 1 },
                Layers = new List<Descriptor>
                {
                    new Descriptor
                    {
                        MediaType = MediaTypes.SociZtoc, Digest = ztoc.Digest, Size = ztoc.Bytes.Length,
                        Annotations = new Dictionary<string, string> { [SociAnnotations.ImageLayerDigest] = bottom.Digest.ToString() },
                    },
                },
            }));
            var reader = new ImageFileReader(new InMemoryContentStore(), (_, _, _, _) => throw new InvalidOperationException("nothing may be fetched"));

            var error = await Assert.ThrowsAsync<LayerNotIndexedException>(() => reader.LocateAsync(image, index, "etc/os-release", CancellationToken.None));

            Assert.Equal(top.Digest, error.Layer);
            Assert.Contains($"Layer 2 of 2 ({top.Digest}) has no zTOC", error.Message);
            Assert.Contains("neither gzip nor tar", error.Message);
        }

        private static long CompressedSizeOfSpans(ImageFileLocation location)
        {
            var ztoc = location.Ztoc ?? throw new Xunit.Sdk.XunitException("the layer was fetched whole, not by spans");
            var spans = new GzipSpanLayout(GzipZinfo.Read(ztoc.CompressionInfo.Checkpoints).Checkpoints, ztoc.CompressedArchiveSize, ztoc.UncompressedArchiveSize);
            var (start, end) = spans.CompressedRange(location.FirstSpan, location.FirstSpan + location.SpanCount - 1);
            return end - start;
        }

        private static async Task<(ImageFileReader Reader, List<(long Offset, int Length)> Fetches, Manifest Manifest, SociIndex Index)> OpenAsync(
            RegistryClient client, LayeredImage image)
        {
            var repository = new RegistryRepository(client, image.Repository);
            var fetches = new List<(long Offset, int Length)>();
            var reader = new ImageFileReader(repository, (blob, offset, length, token) =>
            {
                lock (fetches) fetches.Add((offset, length));
                return client.ReadBlobRangeAsync(image.Repository, blob.Digest, offset, length, token);
            });
            var root = await repository.ResolveAsync(LayeredImage.Tag, CancellationToken.None);
            var platform = (await ImagePlatforms.SelectAsync(repository, root, PlatformSelection.For(Platform.Parse("linux/amd64")), CancellationToken.None)).Single();
            var found = await RegistrySociIndexLookup.LocateAsync(repository, platform, CancellationToken.None);
            return (reader, fetches, platform.Manifest, found.Index);
        }
    }
}
