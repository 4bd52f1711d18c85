using System;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Tar;
using SociTools.Core.Ztoc;
using Xunit;

namespace SociTools.Tests.Ztoc
{
    /// <summary>Malformed zTOC buffers give a <see cref="SociFormatException"/>, never a raw runtime exception.</summary>
    public class ZtocReaderHostileTests
    {
        private static byte[] SampleZtoc() => ZtocWriter.Write(new ZtocDocument
        {
            CompressedArchiveSize = 5000,
            UncompressedArchiveSize = 9000,
            Files = new[]
            {
                new FileMetadata { Name = "a", Type = "reg", UncompressedOffset = 512, UncompressedSize = 100, ModTime = new TarTime(5, 0),
                    PaxRecords = new[] { new PaxRecord("SCHILY.xattr.user.x", "v") } },
                new FileMetadata { Name = "b", Type = "dir", UncompressedOffset = 1536 },
            },
            CompressionInfo = new CompressionInfo
            {
                MaxSpanId = 1,
                SpanDigests = new[] { Digest.Compute(new byte[1]), Digest.Compute(new byte[2]) },
                Checkpoints = new byte[100],
            },
        });

        [Fact]
        public void Every_truncation_of_a_ztoc_gives_a_format_error_or_a_document()
        {
            var bytes = SampleZtoc();

            for (var length = 0; length < bytes.Length; length++)
            {
                try
                {
                    ZtocReader.Read(bytes.AsSpan(0, length).ToArray());
                }
                catch (SociFormatException)
                {
                }
            }
        }

        [Fact]
        public void Random_corruption_of_a_ztoc_gives_a_format_error_or_a_document()
        {
            var original = SampleZtoc();
            var random = new Random(11);

            for (var round = 0; round < 5000; round++)
            {
                var bytes = (byte[])original.Clone();
                for (var flips = random.Next(1, 5); flips > 0; flips--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                try
                {
                    ZtocReader.Read(bytes);
                }
                catch (SociFormatException)
                {
                }
            }
        }

        [Fact]
        public void Rejects_overlapping_entries_like_soci()
        {
            var bytes = ZtocWriter.Write(new ZtocDocument
            {
                UncompressedArchiveSize = 4096,
                Files = new[]
                {
                    new FileMetadata { Name = "late", Type = "reg", UncompressedOffset = 2048, UncompressedSize = 1000 },
                    new FileMetadata { Name = "early", Type = "reg", UncompressedOffset = 1024, UncompressedSize = 1500 },
                },
            });

            var error = Assert.Throws<SociFormatException>(() => ZtocReader.Read(bytes));
            Assert.Contains("overlapping", error.Message);
        }

        [Theory]
        [InlineData(9_000_000L, 10L)]
        [InlineData(8_704L, 297L)]
        [InlineData(-512L, 10L)]
        [InlineData(512L, -1L)]
        [InlineData(512L, long.MaxValue)]
        public void A_file_placed_outside_its_layer_is_a_format_error_not_an_argument_error(long offset, long size)
        {
            var bytes = ZtocWriter.Write(new ZtocDocument
            {
                UncompressedArchiveSize = 9000,
                Files = new[]
                {
                    new FileMetadata { Name = "fine", Type = "reg", UncompressedOffset = 512, UncompressedSize = 100 },
                    new FileMetadata { Name = "corrupt", Type = "reg", UncompressedOffset = offset, UncompressedSize = size },
                },
            });

            var error = Assert.Throws<SociFormatException>(() => ZtocReader.Read(bytes));

            Assert.Contains($"places 'corrupt' at [{offset}, +{size}), outside the layer's 9000 uncompressed bytes", error.Message);
        }

        [Fact]
        public void Sorts_entries_by_offset_and_derives_header_offsets()
        {
            var bytes = ZtocWriter.Write(new ZtocDocument
            {
                UncompressedArchiveSize = 4096,
                Files = new[]
                {
                    new FileMetadata { Name = "second", Type = "reg", UncompressedOffset = 2048, UncompressedSize = 10 },
                    new FileMetadata { Name = "first", Type = "reg", UncompressedOffset = 512, UncompressedSize = 1000 },
                },
            });

            var files = ZtocReader.Read(bytes).Files;

            Assert.Equal(new[] { "first", "second" }, new[] { files[0].Name.ToString(), files[1].Name.ToString() });
            Assert.Equal(new[] { 0L, 1536L }, new[] { files[0].TarHeaderOffset, files[1].TarHeaderOffset });
        }

        [Fact]
        public void Keeps_unparsable_span_digests_and_mod_times_as_soci_does()
        {
            var bytes = ZtocWriter.Write(new ZtocDocument
            {
                Files = new[] { new FileMetadata { Name = "f", Type = "reg" } },
                CompressionInfo = new CompressionInfo { SpanDigests = new[] { default(Digest) } },
            });

            var read = ZtocReader.Read(bytes);

            Assert.True(read.CompressionInfo.SpanDigests[0].IsEmpty);
            Assert.Equal(TarTime.GoZero, read.Files[0].ModTime);
            Assert.Equal("0001-01-01T00:00:00Z", read.Files[0].ModTime.ToString());
        }

        [Fact]
        public void Rejects_a_buffer_too_short_to_hold_a_root_table()
        {
            Assert.Throws<SociFormatException>(() => ZtocReader.Read(new byte[] { 1, 2, 3 }));
            Assert.Throws<SociFormatException>(() => ZtocReader.Read(new byte[] { 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0 }));
        }

        [Theory]
        [InlineData("2023-11-14T22:13:20Z", 1700000000L, 0, 0)]
        [InlineData("2023-11-14T22:13:20.5Z", 1700000000L, 500000000, 0)]
        [InlineData("2023-11-15T00:13:20+02:00", 1700000000L, 0, 120)]
        [InlineData("0000-01-01T00:00:00Z", -62167219200L, 0, 0)]
        public void Parses_and_writes_mod_times_as_go_does(string text, long seconds, int nanos, int offsetMinutes)
        {
            Assert.True(TarTime.TryParse(text, out var time));
            Assert.Equal(new TarTime(seconds, nanos, offsetMinutes), time);
            Assert.Equal(text, time.ToString());
        }
    }
}
