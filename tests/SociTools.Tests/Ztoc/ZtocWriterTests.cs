using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Tar;
using SociTools.Core.Ztoc;
using Xunit;

namespace SociTools.Tests.Ztoc
{
    public class ZtocWriterTests
    {
        [Fact]
        public void Writes_soci_golden_ztoc_byte_for_byte()
        {
            // soci's TestWriteZtoc input (ztoc/ztoc_test.go); its expected digest and size are in the spec (§1.2).
            var ztoc = new ZtocDocument
            {
                Version = "0.9",
                BuildToolIdentifier = "AWS SOCI CLI",
                CompressedArchiveSize = 2000000,
                UncompressedArchiveSize = 2500000,
                Files = new[] { new FileMetadata(), new FileMetadata() },
                CompressionInfo = new CompressionInfo { MaxSpanId = 3, Checkpoints = new byte[65536] },
            };

            var blob = ZtocBlob.From(ztoc);

            Assert.Equal(65928, blob.Size);
            Assert.Equal("sha256:eba28fdf50b1b57543f57dd051b2468c1d4f57b64d2006c75aa4de1d03e6c7ec", blob.Digest.ToString());
        }

        [Fact]
        public void Round_trips_every_field_including_non_utf8_names_and_pax_records()
        {
            var original = new ZtocDocument
            {
                BuildToolIdentifier = "SociTools test",
                CompressedArchiveSize = 123456,
                UncompressedArchiveSize = 654321,
                Files = new[]
                {
                    new FileMetadata
                    {
                        Name = new RawString(new byte[] { (byte)'a', 0xff, 0xfe, (byte)'z' }),
                        Type = "reg", UncompressedOffset = 512, UncompressedSize = 1000, Mode = 0x81a4,
                        Uid = 4000000000, Gid = 7, Uname = "user", Gname = "group",
                        ModTime = new TarTime(1700000000, 500000000),
                        PaxRecords = new[]
                        {
                            new PaxRecord("path", new RawString(new byte[] { (byte)'a', 0xff, 0xfe, (byte)'z' })),
                            new PaxRecord("SCHILY.xattr.user.k", new RawString(new byte[] { 0, 1, 2 })),
                            new PaxRecord("mtime", "1700000000.5"),
                        },
                    },
                    new FileMetadata
                    {
                        Name = "dev/null", Type = "char", UncompressedOffset = 2048, DevMajor = 1, DevMinor = 3,
                        Linkname = "", ModTime = new TarTime(0, 0),
                    },
                },
                CompressionInfo = new CompressionInfo
                {
                    Algorithm = CompressionAlgorithm.Uncompressed,
                    MaxSpanId = 1,
                    SpanDigests = new[] { Digest.Compute(new byte[] { 1 }), Digest.Compute(new byte[] { 2 }) },
                    Checkpoints = new byte[] { 9, 8, 7, 6, 5 },
                },
            };

            var bytes = ZtocWriter.Write(original);
            var read = ZtocReader.Read(bytes);

            Assert.Equal(bytes, ZtocWriter.Write(read));
            Assert.Equal(original.BuildToolIdentifier, read.BuildToolIdentifier);
            Assert.Equal(original.CompressedArchiveSize, read.CompressedArchiveSize);
            Assert.Equal(original.UncompressedArchiveSize, read.UncompressedArchiveSize);
            Assert.Equal(CompressionAlgorithm.Uncompressed, read.CompressionInfo.Algorithm);
            Assert.Equal(1, read.CompressionInfo.MaxSpanId);
            Assert.Equal(original.CompressionInfo.SpanDigests, read.CompressionInfo.SpanDigests);
            Assert.Equal(original.CompressionInfo.Checkpoints, read.CompressionInfo.Checkpoints);
            var file = read.Files[0];
            Assert.Equal(original.Files[0].Name, file.Name);
            Assert.Equal(4000000000u, file.Uid);
            Assert.Equal(0x81a4, file.Mode);
            Assert.Equal(new TarTime(1700000000, 500000000), file.ModTime);
            Assert.Equal(new[] { "SCHILY.xattr.user.k", "mtime", "path" }, KeysOf(file.PaxRecords));
            Assert.Equal("user.k", Assert.Single(file.Xattrs).Key.ToString());
            Assert.Equal(new byte[] { 0, 1, 2 }, file.Xattrs[0].Value.Bytes);
            Assert.Equal(3, read.Files[1].DevMinor);
            Assert.Equal(1536, read.Files[1].TarHeaderOffset);
        }

        [Fact]
        public void Writes_gzip_algorithm_as_the_schema_default_and_reads_it_back_as_gzip()
        {
            var gzip = ZtocWriter.Write(new ZtocDocument { CompressionInfo = new CompressionInfo { Algorithm = CompressionAlgorithm.Gzip } });
            var uncompressed = ZtocWriter.Write(new ZtocDocument { CompressionInfo = new CompressionInfo { Algorithm = CompressionAlgorithm.Uncompressed } });

            Assert.True(uncompressed.Length > gzip.Length);
            Assert.Equal(CompressionAlgorithm.Gzip, ZtocReader.Read(gzip).CompressionInfo.Algorithm);
        }

        [Fact]
        public void Refuses_to_write_a_zstd_ztoc_because_soci_skips_zstd_layers()
        {
            var error = Assert.Throws<SociTools.Core.SociFormatException>(() =>
                ZtocWriter.Write(new ZtocDocument { CompressionInfo = new CompressionInfo { Algorithm = CompressionAlgorithm.Zstd } }));
            Assert.Equal(CompressionAlgorithms.ZstdSkipReason, error.Message);
        }

        [Fact]
        public void Refuses_a_modification_time_go_cannot_serialize()
        {
            var ztoc = new ZtocDocument { Files = new[] { new FileMetadata { ModTime = new TarTime(400000000000, 0) } } };

            var error = Assert.Throws<SociTools.Core.SociFormatException>(() => ZtocWriter.Write(ztoc));
            Assert.Contains("outside [0, 9999]", error.Message);
        }

        private static List<string> KeysOf(IReadOnlyList<PaxRecord> records)
        {
            var keys = new List<string>();
            foreach (var record in records) keys.Add(record.Key.ToString());
            return keys;
        }
    }
}
