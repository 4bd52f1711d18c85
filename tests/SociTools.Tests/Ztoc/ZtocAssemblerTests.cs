using System;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Tar;
using SociTools.Core.Ztoc;
using Xunit;

namespace SociTools.Tests.Ztoc
{
    public class ZtocAssemblerTests
    {
        private static TocEntry Entry() => new TocEntry
        {
            Name = "usr/bin/tool", Type = TarEntryType.Regular, DataOffset = 1024, Size = 42, Mode = 0x81ed,
            Uid = 4294967296L + 7, Gid = -1, Uname = "root", Gname = "wheel", ModTime = new TarTime(1700000000, 5),
            PaxRecords = new[] { new PaxRecord("SCHILY.xattr.security.capability", "cap") },
        };

        [Fact]
        public void Converts_entries_as_soci_does_and_serializes_them()
        {
            var digests = new[] { Digest.Compute(new byte[] { 1 }) };

            var blob = ZtocAssembler.Assemble(new[] { Entry() }, 777, 2048, CompressionAlgorithm.Gzip, 0, digests, new byte[] { 1, 2, 3 }, "AWS SOCI CLI v0.2");

            var file = Assert.Single(ZtocReader.Read(blob.Bytes).Files);
            Assert.Equal(("usr/bin/tool", "reg", 1024L, 42L, 0x81edL), (file.Name.ToString(), file.Type, file.UncompressedOffset, file.UncompressedSize, file.Mode));
            Assert.Equal((7u, uint.MaxValue), (file.Uid, file.Gid));
            Assert.Equal("2023-11-14T22:13:20.000000005Z", file.ModTime.ToString());
            Assert.Equal("security.capability", Assert.Single(file.Xattrs).Key.ToString());
            Assert.Equal(("0.9", "AWS SOCI CLI v0.2", 777L, 2048L), (blob.Ztoc.Version, blob.Ztoc.BuildToolIdentifier, blob.Ztoc.CompressedArchiveSize, blob.Ztoc.UncompressedArchiveSize));
            Assert.Equal(Digest.Compute(blob.Bytes), blob.Digest);
            Assert.Equal(blob.Bytes.Length, blob.Size);
        }

        [Fact]
        public void Refuses_a_span_digest_count_that_does_not_match_the_spans()
        {
            var error = Assert.Throws<ArgumentException>(() =>
                ZtocAssembler.Assemble(new[] { Entry() }, 1, 1, CompressionAlgorithm.Gzip, 2, new Digest[1], new byte[0], "t"));
            Assert.Contains("one per span", error.Message);
        }

        [Fact]
        public void Explains_that_zstd_layers_get_no_ztoc()
        {
            var error = Assert.Throws<SociFormatException>(() =>
                ZtocAssembler.Assemble(new TocEntry[0], 1, 1, CompressionAlgorithm.Zstd, 0, new Digest[1], new byte[0], "t"));
            Assert.Equal(CompressionAlgorithms.ZstdSkipReason, error.Message);
        }
    }
}
