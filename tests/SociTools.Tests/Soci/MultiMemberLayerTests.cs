using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc;
using SociTools.Core.Ztoc.Extraction;
using SociTools.Tests.Compression;
using SociTools.Tests.Tar;
using Xunit;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.ImageFiles;

namespace SociTools.Tests.Soci
{
    /// <summary>
    /// Layers of several gzip members (pigz, soci's own tests and concatenated gzip make them). .NET Framework's and
    /// Mono's GZipStream stop after the first member and .NET Core's goes on, so these run on net10.0 and, linked into
    /// SociTools.Core.Tests.Net472, on net472 under Mono, asserting the same results.
    /// </summary>
    public class MultiMemberLayerTests
    {
        private const long SpanSize = 64 * 1024;

        /// <summary>The zTOC digest of <see cref="TwoMemberLayer"/>, the same on every runtime.</summary>
        private const string TwoMemberZtocDigest = "sha256:c4f4392847184a25eb4cced9fbc2e2b0eda3030d3b28fc275288ceb22cc878d0";

        [Fact]
        public async Task A_two_member_layer_builds_the_same_ztoc_bytes_on_every_runtime()
        {
            var (tar, files, gzip) = TwoMemberLayer();

            var built = await LayerZtocFactory.BuildAsync(Descriptor(gzip), new MemoryStream(gzip), SpanSize, "test", null, CancellationToken.None);

            Assert.True(TwoMemberZtocDigest == built.Digest.ToString(), "zTOC digest " + built.Digest);
            var ztoc = ZtocReader.Read(built.Bytes);
            Assert.Equal(tar.Length, ztoc.UncompressedArchiveSize);
            await AssertEveryFileExtracts(ztoc, gzip, files);
        }

        [Fact]
        public async Task A_layer_of_two_pigz_members_extracts_every_file_through_its_ztoc()
        {
            var (tar, files) = Tar();
            var split = tar.Length / 3;
            var gzip = GzipFixtures.Concat(
                GzipFixtures.External("pigz", "-p 2 -b 32 -n", tar.Take(split).ToArray()),
                GzipFixtures.External("pigz", "-6 -n", tar.Skip(split).ToArray()));

            var built = await LayerZtocFactory.BuildAsync(Descriptor(gzip), new MemoryStream(gzip), SpanSize, "test", null, CancellationToken.None);

            var ztoc = ZtocReader.Read(built.Bytes);
            Assert.Equal(tar.Length, ztoc.UncompressedArchiveSize);
            Assert.Equal(gzip.Length, ztoc.CompressedArchiveSize);
            await AssertEveryFileExtracts(ztoc, gzip, files);
        }

        [Fact]
        public async Task A_two_member_layer_fetched_whole_lists_and_copies_files_from_both_members()
        {
            var (tar, files, gzip) = TwoMemberLayer();
            var store = new InMemoryContentStore();
            var layer = store.Add(MediaTypes.OciLayerGzip, gzip);

            using var whole = await WholeLayer.FetchAsync(store, layer, "layer 1 of 1", CancellationToken.None);

            Assert.Equal(files.Keys.OrderBy(n => n), whole.Files.Where(f => f.Type.ToString() == "reg").Select(f => f.Name.ToString()).OrderBy(n => n));
            var last = whole.Files.Single(f => f.Name.ToString() == "srv/last.txt");
            Assert.True(last.UncompressedOffset > tar.Length / 2, "the file must lie in the second member");
            var copy = new MemoryStream();
            await whole.CopyFileAsync(last, copy, CancellationToken.None);
            Assert.Equal(files["srv/last.txt"], copy.ToArray());
        }

        /// <summary>A deterministic tar in two members from the tests' own encoder, split inside a file's data.</summary>
        private static (byte[] Tar, Dictionary<string, byte[]> Files, byte[] Gzip) TwoMemberLayer()
        {
            var (tar, files) = Tar();
            var split = tar.Length / 2 + 777;
            var gzip = GzipFixtures.Concat(
                FixedHuffmanGzip.Member(tar.Take(split).ToArray(), 20000),
                FixedHuffmanGzip.Member(tar.Skip(split).ToArray(), 30000));
            return (tar, files, gzip);
        }

        private static (byte[] Tar, Dictionary<string, byte[]> Files) Tar()
        {
            var files = new Dictionary<string, byte[]>
            {
                ["srv/notes.txt"] = Text("a note", 4000),
                ["srv/data.bin"] = Noise(300_000, 12345),
                ["srv/empty"] = new byte[0],
                ["srv/last.txt"] = Text("the last file", 3000),
            };
            var writer = new RawTarWriter();
            writer.Header("srv/", (byte)'5', mode: 493);
            foreach (var file in files) writer.File(file.Key, file.Value);
            writer.End();
            return (writer.ToArray(), files);
        }

        private static async Task AssertEveryFileExtracts(ZtocDocument ztoc, byte[] gzip, Dictionary<string, byte[]> files)
        {
            var extractor = new ZtocFileExtractor(ztoc, "the test layer", (offset, length, _) => Task.FromResult<Stream>(new MemoryStream(gzip, (int)offset, (int)length)));
            foreach (var file in files)
            {
                var output = new MemoryStream();
                await extractor.ExtractAsync(ZtocFileLookup.FindRegularFile(ztoc, file.Key, "the test layer"), output, CancellationToken.None);
                Assert.True(file.Value.SequenceEqual(output.ToArray()), $"{file.Key} differs after extraction");
            }
        }

        private static Descriptor Descriptor(byte[] gzip) =>
            new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(gzip), Size = gzip.Length };

        private static byte[] Text(string line, int lines) =>
            Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => $"{line} {i}\n")));

        /// <summary>Bytes from a fixed linear congruential generator, the same on every runtime (unlike what any Random promises).</summary>
        private static byte[] Noise(int length, uint seed)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                seed = seed * 1664525 + 1013904223;
                bytes[i] = (byte)(seed >> 24);
            }
            return bytes;
        }
    }
}
