using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Compression;
using Xunit;

namespace SociTools.Tests.Compression
{
    public class GzipZinfoTests
    {
        private const int RecordSize = 32785;

        private static async Task<GzipIndex> IndexedLayer()
        {
            var data = GzipFixtures.VariedContent(400_000, 31);
            return await GzipCheckpointIndexer.IndexAsync(
                new MemoryStream(GzipFixtures.DotNetGzip(data, CompressionLevel.Optimal)), 65536, null, null, CancellationToken.None);
        }

        [Fact]
        public async Task Blob_has_the_v2_layout_little_endian_header_then_one_32785_byte_record_per_checkpoint()
        {
            var index = await IndexedLayer();
            var blob = new GzipZinfo(index.Checkpoints, 65536).ToBytes();

            Assert.Equal(12 + RecordSize * index.Checkpoints.Count, blob.Length);
            Assert.Equal(index.Checkpoints.Count, BinaryPrimitives.ReadInt32LittleEndian(blob));
            Assert.Equal(65536, BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(4)));
            for (var i = 0; i < index.Checkpoints.Count; i++)
            {
                var record = blob.AsSpan(12 + RecordSize * i, RecordSize);
                Assert.Equal(index.Checkpoints[i].CompressedOffset, BinaryPrimitives.ReadInt64LittleEndian(record));
                Assert.Equal(index.Checkpoints[i].UncompressedOffset, BinaryPrimitives.ReadInt64LittleEndian(record.Slice(8)));
                Assert.Equal(index.Checkpoints[i].Bits, record[16]);
                Assert.Equal(index.Checkpoints[i].Window, record.Slice(17).ToArray());
            }
            Assert.Equal(new byte[32768], blob.AsSpan(12 + 17, 32768).ToArray());
            Assert.Equal(10, BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(12)));
        }

        [Fact]
        public async Task Blob_round_trips_to_identical_checkpoints_and_bytes()
        {
            var index = await IndexedLayer();
            var blob = new GzipZinfo(index.Checkpoints, 65536).ToBytes();

            var read = GzipZinfo.Read(blob);

            Assert.False(read.IsLegacyV1);
            Assert.Equal(65536, read.SpanSize);
            Assert.Equal(index.Checkpoints.Count - 1, read.MaxSpanId);
            Assert.Equal(index.Checkpoints.Select(c => (c.CompressedOffset, c.UncompressedOffset, c.Bits)), read.Checkpoints.Select(c => (c.CompressedOffset, c.UncompressedOffset, c.Bits)));
            Assert.Equal(blob, read.ToBytes());
        }

        [Fact]
        public async Task Legacy_v1_blob_without_checkpoint_zero_reads_with_a_synthesized_first_checkpoint_and_writes_back_as_v1()
        {
            var index = await IndexedLayer();
            var v2 = new GzipZinfo(index.Checkpoints, 65536).ToBytes();
            var v1 = v2.AsSpan(0, 12).ToArray().Concat(v2.Skip(12 + RecordSize)).ToArray();

            var read = GzipZinfo.Read(v1);

            Assert.True(read.IsLegacyV1);
            Assert.Equal(index.Checkpoints.Count, read.Checkpoints.Count);
            Assert.Equal((10L, 0L, (byte)0), (read.Checkpoints[0].CompressedOffset, read.Checkpoints[0].UncompressedOffset, read.Checkpoints[0].Bits));
            Assert.Equal(index.Checkpoints[1].UncompressedOffset, read.Checkpoints[1].UncompressedOffset);
            Assert.Equal(v1, read.ToBytes());
        }

        [Fact]
        public void Header_edge_cases_follow_soci_zero_checkpoints_is_valid_one_checkpoint_without_records_is_v1()
        {
            var empty = new byte[12];
            Assert.Empty(GzipZinfo.Read(empty).Checkpoints);

            var one = new byte[12];
            one[0] = 1;
            var read = GzipZinfo.Read(one);
            Assert.True(read.IsLegacyV1);
            Assert.Single(read.Checkpoints);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(11)]
        public void Blob_shorter_than_its_header_is_rejected(int length)
        {
            var error = Assert.Throws<SociFormatException>(() => GzipZinfo.Read(new byte[length]));
            Assert.Contains("12-byte header", error.Message);
        }

        [Fact]
        public void Blob_claiming_more_checkpoints_than_it_holds_is_rejected()
        {
            var blob = new byte[12];
            blob[0] = 255;
            var error = Assert.Throws<SociFormatException>(() => GzipZinfo.Read(blob));
            Assert.Contains("fits neither v2", error.Message);
        }

        [Fact]
        public void Blob_with_a_negative_checkpoint_count_is_rejected()
        {
            var blob = new byte[12];
            BinaryPrimitives.WriteInt32LittleEndian(blob, -1);
            Assert.Throws<SociFormatException>(() => GzipZinfo.Read(blob));
        }
    }
}
