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
            // Sized up front so large checkpoint blobs are not copied on every doubling.
            var estimate = 1024L + (ztoc.CompressionInfo.Checkpoints?.Length ?? 0) + 80L * ztoc.CompressionInfo.SpanDigests.Count + 512L * ztoc.Files.Count;
            var builder = new FlatBufferBuilder((int)System.Math.Min(estimate, 1L << 30));
            var version = CreateString(builder, RawString.FromString(ztoc.Version ?? ""));
            var buildTool = CreateString(builder, RawString.FromString(ztoc.BuildToolIdentifier ?? ""));
            var toc = WriteToc(builder, ztoc.Files);
            var compressionInfo = WriteCompressionInfo(builder, ztoc.CompressionInfo);

            builder.StartTable(6);
            builder.AddOffset(0, version.Value, 0);
            builder.AddOffset(1, buildTool.Value, 0);
            builder.AddOffset(4, toc, 0);
            builder.AddLong(2, ztoc.CompressedArchiveSize, 0);
            builder.AddLong(3, ztoc.UncompressedArchiveSize, 0);
            builder.AddOffset(5, compressionInfo, 0);
            builder.Finish(builder.EndTable());
            return builder.SizedByteArray();
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

        private static int WriteCompressionInfo(FlatBufferBuilder builder, CompressionInfo info)
        {
            var checkpoints = CreateByteVector(builder, info.Checkpoints ?? new byte[0]);
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

        private static int CreateByteVector(FlatBufferBuilder builder, byte[] bytes)
        {
            builder.StartVector(1, bytes.Length, 1);
            for (var i = bytes.Length - 1; i >= 0; i--) builder.PutByte(bytes[i]);
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
