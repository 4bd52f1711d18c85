using System;
using System.Collections.Generic;
using Google.FlatBuffers;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>
    /// Serializes a zTOC with the FlatBuffers builder calls in exactly soci's order (<c>ztoc_marshaler.go</c>),
    /// so the bytes and therefore the digest match soci's.
    /// </summary>
    public static class ZtocWriter
    {
        public static byte[] Write(ZtocDocument ztoc)
        {
            var checkpoints = ztoc.CompressionInfo.Checkpoints ?? new byte[0];
            return Write(ztoc, checkpoints.Length, destination => checkpoints.AsSpan().CopyTo(destination));
        }

        /// <summary>
        /// Serializes <paramref name="ztoc"/> with its checkpoint blob written in place by <paramref name="writeCheckpoints"/>
        /// (<paramref name="checkpointsLength"/> bytes) instead of taken from the document.
        /// </summary>
        /// <remarks>
        /// The checkpoints are nearly all of a zTOC (32 KiB per span). A first pass with a stand-in of the same length modulo 8
        /// (all that alignment depends on) gives the exact size, so the second pass's buffer is the result itself: the
        /// checkpoints are written once, with no buffer growth and no final copy.
        /// </remarks>
        internal static byte[] Write(ZtocDocument ztoc, long checkpointsLength, CheckpointsWriter writeCheckpoints)
        {
            var standIn = (int)(checkpointsLength % 8);
            var estimate = 1024L + 80L * ztoc.CompressionInfo.SpanDigests.Count + 512L * ztoc.Files.Count;
            var (sizing, sizingRoot) = Build(ztoc, standIn, null, (int)System.Math.Min(estimate, 1L << 30));
            var beforeFinish = sizing.Offset;
            sizing.Finish(sizingRoot);
            var finishPadding = sizing.Offset - beforeFinish - sizeof(int);
            var size = sizing.Offset + checkpointsLength - standIn;
            if (size > int.MaxValue) throw new SociFormatException($"The zTOC would be {size} bytes, more than one array can hold.");

            var (builder, root) = Build(ztoc, (int)checkpointsLength, writeCheckpoints, (int)size);
            // Finish's own check asks for 8 bytes of room more than it writes, which would grow the exact buffer; this is
            // what it writes: the same padding as in the first pass, then the root offset.
            builder.Pad(finishPadding);
            builder.AddOffset(root);
            builder.DataBuffer.Position = builder.DataBuffer.Length - builder.Offset;
            var written = builder.DataBuffer.ToArraySegment(builder.DataBuffer.Position, builder.Offset);
            if (builder.Offset != size || written.Offset != 0 || written.Count != written.Array!.Length)
            {
                throw new InvalidOperationException($"The zTOC took {builder.Offset} bytes where {size} were computed.");
            }
            return written.Array;
        }

        internal delegate void CheckpointsWriter(Span<byte> destination);

        /// <summary>Everything but the final root offset, which the caller writes; returns the root table.</summary>
        private static (FlatBufferBuilder Builder, int Root) Build(ZtocDocument ztoc, int checkpointsLength, CheckpointsWriter? writeCheckpoints, int capacity)
        {
            var builder = new FlatBufferBuilder(System.Math.Max(capacity, 1));
            var version = CreateString(builder, RawString.FromString(ztoc.Version ?? ""));
            var buildTool = CreateString(builder, RawString.FromString(ztoc.BuildToolIdentifier ?? ""));
            var toc = WriteToc(builder, ztoc.Files);
            var compressionInfo = WriteCompressionInfo(builder, ztoc.CompressionInfo, checkpointsLength, writeCheckpoints);

            builder.StartTable(6);
            builder.AddOffset(0, version.Value, 0);
            builder.AddOffset(1, buildTool.Value, 0);
            builder.AddOffset(4, toc, 0);
            builder.AddLong(2, ztoc.CompressedArchiveSize, 0);
            builder.AddLong(3, ztoc.UncompressedArchiveSize, 0);
            builder.AddOffset(5, compressionInfo, 0);
            return (builder, builder.EndTable());
        }

        private static int WriteToc(FlatBufferBuilder builder, IReadOnlyList<FileMetadata> files)
        {
            var offsets = new int[files.Count];
            for (var i = files.Count - 1; i >= 0; i--) offsets[i] = WriteFileMetadata(builder, files[i]);
            var metadata = CreateOffsetVector(builder, offsets);
            builder.StartTable(1);
            builder.AddOffset(0, metadata, 0);
            return builder.EndTable();
        }

        private static int WriteFileMetadata(FlatBufferBuilder builder, FileMetadata file)
        {
            if (!file.ModTime.TryFormat(out var modTimeText))
            {
                throw new SociFormatException($"File '{file.Name}' has modification time {file.ModTime}, whose year is outside [0, 9999]; soci cannot serialize it.");
            }
            var name = CreateString(builder, file.Name);
            var type = CreateString(builder, RawString.FromString(file.Type ?? ""));
            var linkname = CreateString(builder, file.Linkname);
            var uname = CreateString(builder, file.Uname);
            var gname = CreateString(builder, file.Gname);
            var modTime = CreateString(builder, RawString.FromString(modTimeText));

            var records = new List<PaxRecord>(file.PaxRecords);
            records.Sort((a, b) => a.Key.CompareTo(b.Key));
            var xattrOffsets = new int[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var key = CreateString(builder, records[i].Key);
                var value = CreateString(builder, records[i].Value);
                builder.StartTable(2);
                builder.AddOffset(0, key.Value, 0);
                builder.AddOffset(1, value.Value, 0);
                xattrOffsets[i] = builder.EndTable();
            }
            var xattrs = CreateOffsetVector(builder, xattrOffsets);

            builder.StartTable(14);
            builder.AddOffset(0, name.Value, 0);
            builder.AddOffset(1, type.Value, 0);
            builder.AddLong(2, file.UncompressedOffset, 0);
            builder.AddLong(3, file.UncompressedSize, 0);
            builder.AddOffset(4, linkname.Value, 0);
            builder.AddLong(5, file.Mode, 0);
            builder.AddUint(6, file.Uid, 0);
            builder.AddUint(7, file.Gid, 0);
            builder.AddOffset(8, uname.Value, 0);
            builder.AddOffset(9, gname.Value, 0);
            builder.AddOffset(10, modTime.Value, 0);
            builder.AddLong(11, file.DevMajor, 0);
            builder.AddLong(12, file.DevMinor, 0);
            builder.AddOffset(13, xattrs, 0);
            return builder.EndTable();
        }

        private static int WriteCompressionInfo(FlatBufferBuilder builder, CompressionInfo info, int checkpointsLength, CheckpointsWriter? writeCheckpoints)
        {
            var checkpoints = CreateByteVector(builder, checkpointsLength, writeCheckpoints);
            var digestOffsets = new int[info.SpanDigests.Count];
            for (var i = 0; i < digestOffsets.Length; i++)
            {
                digestOffsets[i] = CreateString(builder, RawString.FromString(info.SpanDigests[i].ToString())).Value;
            }
            var spanDigests = CreateOffsetVector(builder, digestOffsets);
            var algorithm = info.Algorithm.ToSchemaValue();

            builder.StartTable(4);
            builder.AddInt(1, info.MaxSpanId, 0);
            builder.AddOffset(2, spanDigests, 0);
            builder.AddOffset(3, checkpoints, 0);
            builder.AddSbyte(0, algorithm, 1);
            return builder.EndTable();
        }

        // Go's CreateString on raw bytes. The C# runtime writes the terminator before the alignment padding,
        // but padding is zeros too, so the bytes equal Go's.
        private static StringOffset CreateString(FlatBufferBuilder builder, RawString text)
        {
            var bytes = text.Bytes;
            builder.AddByte(0);
            builder.StartVector(1, bytes.Length, 1);
            for (var i = bytes.Length - 1; i >= 0; i--) builder.PutByte(bytes[i]);
            return new StringOffset(builder.EndVector().Value);
        }

        /// <summary>A byte vector whose bytes <paramref name="write"/> puts straight into the builder's buffer (zeros without it).</summary>
        private static int CreateByteVector(FlatBufferBuilder builder, int length, CheckpointsWriter? write)
        {
            builder.StartVector(1, length, 1);
            builder.Pad(length);
            if (write != null && length > 0)
            {
                var buffer = builder.DataBuffer;
                write(buffer.ToArraySegment(buffer.Length - builder.Offset, length).AsSpan());
            }
            return builder.EndVector().Value;
        }

        private static int CreateOffsetVector(FlatBufferBuilder builder, int[] offsets)
        {
            builder.StartVector(4, offsets.Length, 4);
            for (var i = offsets.Length - 1; i >= 0; i--) builder.AddOffset(offsets[i]);
            return builder.EndVector().Value;
        }
    }
}
