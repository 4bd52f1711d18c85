using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Tests.Fixtures;
using Xunit;
using SociTools.Core.Soci.ImageFiles;

namespace SociTools.Tests.Soci
{
    public class WholeLayerTests
    {
        [Fact]
        public async Task A_corrupt_gzip_layer_fetched_whole_is_reported_with_the_offset_not_dotnets_message()
        {
            var content = new byte[300_000];
            new System.Random(8).NextBytes(content);
            var layer = TestLayer.FromFiles(new System.Collections.Generic.Dictionary<string, byte[]> { ["app/big.bin"] = content });
            var stored = new MemoryStream();
            using (var gzip = new GZipStream(stored, CompressionLevel.NoCompression, leaveOpen: true)) gzip.Write(layer.Tar);
            var corrupt = stored.ToArray();
            // Inside the file's bytes in a stored block: the tar stays well formed, and only the CRC32 can tell.
            corrupt[corrupt.Length / 2] ^= 0x20;
            var store = new InMemoryContentStore();
            var descriptor = store.Add(MediaTypes.OciLayerGzip, corrupt);

            var error = await Assert.ThrowsAsync<SociFormatException>(() => WholeLayer.FetchAsync(store, descriptor, "1 of 1", CancellationToken.None));

            Assert.Matches(@"^Layer 1 of 1 is corrupt: decoding failed after \d+ uncompressed bytes, near compressed offset \d+; ", error.Message);
            Assert.Contains("CRC32", error.Message);
            Assert.DoesNotContain("unsupported compression method", error.Message);
        }
    }
}
