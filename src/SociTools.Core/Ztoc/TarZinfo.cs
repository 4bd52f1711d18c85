using System;
using System.Collections.Generic;
using Google.FlatBuffers;

namespace SociTools.Core.Ztoc
{
    /// <summary>
    /// The zinfo of an uncompressed tar layer (schema <c>zinfo.TarZinfo</c>): fixed-size spans over the file,
    /// where compressed and uncompressed offsets are the same.
    /// </summary>
    public sealed class TarZinfo : Compression.IStoredSpans
    {
        public const int CurrentVersion = 2;

        public TarZinfo(long spanSize, long size, int version = CurrentVersion)
        {
            if (spanSize <= 0) throw new ArgumentOutOfRangeException(nameof(spanSize), spanSize, "The span size must be positive.");
            if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "The layer size cannot be negative.");
            SpanSize = spanSize;
            Size = size;
            Version = version;
        }

        public int Version { get; }

        public long SpanSize { get; }

        /// <summary>The layer file size.</summary>
        public long Size { get; }

        /// <summary>Number of spans minus one; -1 for an empty layer.</summary>
        public int MaxSpanId
        {
            get
            {
                var spans = Size / SpanSize + (Size % SpanSize == 0 ? 0 : 1);
                if (spans - 1 > int.MaxValue) throw new SociFormatException($"A {Size}-byte layer with span size {SpanSize} has more spans than a zTOC can count.");
                return (int)(spans - 1);
            }
        }

        public int SpanCount => MaxSpanId + 1;

        public long SpanStart(int spanId) => spanId * SpanSize;

        public long SpanEnd(int spanId) => Math.Min((spanId + 1L) * SpanSize, Size);

        /// <summary>The span holding <paramref name="offset"/>.</summary>
        public int SpanOf(long offset) => (int)(offset / SpanSize);

        long Compression.IStoredSpans.StartCompressedOffset(int spanId) => SpanStart(spanId);

        long Compression.IStoredSpans.EndCompressedOffset(int spanId) => SpanEnd(spanId);

        public IReadOnlyList<long> SpanStartOffsets()
        {
            var starts = new long[MaxSpanId + 1];
            for (var i = 0; i < starts.Length; i++) starts[i] = SpanStart(i);
            return starts;
        }

        /// <summary>The FlatBuffer soci stores in <c>compression_info.checkpoints</c>.</summary>
        public byte[] ToBytes()
        {
            var builder = new FlatBufferBuilder(64);
            builder.StartTable(3);
            builder.AddInt(0, Version, 0);
            builder.AddLong(1, SpanSize, 0);
            builder.AddLong(2, Size, 0);
            builder.Finish(builder.EndTable());
            return builder.SizedByteArray();
        }

        public static TarZinfo Parse(byte[] bytes)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length < 8) throw new SociFormatException($"The tar zinfo is {bytes.Length} bytes, too short to be a FlatBuffer.");
            var view = new FlatBufferView(bytes, "tar zinfo");
            var root = view.RootTable();
            var spanSize = view.Int64(root, 1, "span_size");
            var size = view.Int64(root, 2, "size");
            if (spanSize <= 0) throw new SociFormatException($"The tar zinfo has span size {spanSize}; it must be positive.");
            if (size < 0) throw new SociFormatException($"The tar zinfo has a negative layer size ({size}).");
            return new TarZinfo(spanSize, size, view.Int32(root, 0, "version"));
        }
    }
}
