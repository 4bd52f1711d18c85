using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc;
using SociTools.Core.Ztoc.Extraction;
using SociTools.Tests.Fixtures;
using Xunit;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Ztoc
{
    /// <summary>Every read through a zTOC checks the spans it reads against the zTOC's span digests, whatever the layer's compression.</summary>
    public class ZtocFileExtractorTests
    {
        private const long SpanSize = 256 * 1024;
        private const string BigFile = "app/data/model.bin";

        [Theory]
        [InlineData(MediaTypes.OciLayerGzip)]
        [InlineData(MediaTypes.OciLayerTar)]
        public async Task A_changed_byte_of_the_layer_fails_the_read_naming_the_span(string mediaType)
        {
            var (ztoc, blob) = await IndexedLayer(mediaType);
            var file = ZtocFileLookup.FindRegularFile(ztoc, BigFile, "the test layer");
            var changed = (byte[])blob.Clone();
            changed[blob.Length / 2] ^= 0x40;

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => Extractor(ztoc, changed).ExtractAsync(file, Stream.Null, CancellationToken.None));

            Assert.Matches(@"^Span \d+ of layer under test has digest sha256:[0-9a-f]{64}, but its zTOC records sha256:", error.Message);
        }

        [Fact]
        public async Task An_uncompressed_layer_is_read_in_whole_spans_so_each_can_be_checked()
        {
            var layer = TestLayer.Varied(seed: 5, bigFileSize: 700 * 1024);
            var (ztoc, blob) = await IndexedLayer(MediaTypes.OciLayerTar, layer);
            var file = ZtocFileLookup.FindRegularFile(ztoc, "app/docs/note-3.txt", "the test layer");
            var output = new MemoryStream();

            var extracted = await Extractor(ztoc, blob).ExtractAsync(file, output, CancellationToken.None);

            Assert.Equal(layer.Files["app/docs/note-3.txt"], output.ToArray());
            var firstSpan = file.UncompressedOffset / SpanSize;
            var lastSpan = (file.UncompressedOffset + file.UncompressedSize - 1) / SpanSize;
            Assert.Equal(System.Math.Min((lastSpan + 1) * SpanSize, blob.Length) - firstSpan * SpanSize, extracted.CompressedBytesRead);
        }

        private static ZtocFileExtractor Extractor(ZtocDocument ztoc, byte[] blob) =>
            new ZtocFileExtractor(ztoc, "layer under test", (offset, length, _) => Task.FromResult<Stream>(new MemoryStream(blob, (int)offset, (int)length, writable: false)));

        private static async Task<(ZtocDocument Ztoc, byte[] Blob)> IndexedLayer(string mediaType, TestLayer? layer = null)
        {
            layer ??= TestLayer.Varied(seed: 4, bigFileSize: 2 << 20);
            var blob = mediaType == MediaTypes.OciLayerGzip ? layer.Gzip : layer.Tar;
            var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Compute(blob), Size = blob.Length };
            var built = await LayerZtocFactory.BuildAsync(descriptor, new MemoryStream(blob), SpanSize, "test", null, CancellationToken.None);
            return (ZtocReader.Read(built.Bytes), blob);
        }
    }
}
