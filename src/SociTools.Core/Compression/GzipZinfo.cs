using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace SociTools.Core.Compression
{
    /// <summary>soci's gzip checkpoint blob (zTOC <c>compression_info.checkpoints</c>), v2 layout with v1 read support (§2.1).</summary>
    public sealed class GzipZinfo
    {
        private const int HeaderSize = 12;
        private const int RecordSize = 17 + Checkpoint.WindowSize;
        private const int LegacyFirstCompressedOffset = 10;

        public GzipZinfo(IReadOnlyList<Checkpoint> checkpoints, long spanSize)
            : this(checkpoints, spanSize, isLegacyV1: false)
        {
        }

        private GzipZinfo(IReadOnlyList<Checkpoint> checkpoints, long spanSize, bool isLegacyV1)
        {
            Checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
            SpanSize = spanSize;
            IsLegacyV1 = isLegacyV1;
        }

        public IReadOnlyList<Checkpoint> Checkpoints { get; }

        /// <summary>The span size used at build time (informational).</summary>
        public long SpanSize { get; }

        /// <summary>True for a v1 blob (checkpoint 0 not stored); such a blob is written back as v1.</summary>
        public bool IsLegacyV1 { get; }

        public int MaxSpanId => Checkpoints.Count - 1;

        public byte[] ToBytes()
        {
            var blob = new byte[ByteCount];
            WriteTo(blob);
            return blob;
        }

        /// <summary>The size of the blob <see cref="WriteTo"/> writes.</summary>
        public long ByteCount => HeaderSize + (long)RecordSize * (Checkpoints.Count - (IsLegacyV1 && Checkpoints.Count > 0 ? 1 : 0));

        /// <summary>Writes the blob into <paramref name="destination"/> (<see cref="ByteCount"/> bytes), so a zTOC can take it in place.</summary>
        public void WriteTo(Span<byte> destination)
        {
            if (destination.Length != ByteCount) throw new ArgumentException($"The gzip checkpoint blob is {ByteCount} bytes, not {destination.Length}.", nameof(destination));
            var skipped = IsLegacyV1 && Checkpoints.Count > 0 ? 1 : 0;
            BinaryPrimitives.WriteInt32LittleEndian(destination, Checkpoints.Count);
            BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(4), SpanSize);
            var offset = HeaderSize;
            for (var i = skipped; i < Checkpoints.Count; i++)
            {
                var checkpoint = Checkpoints[i];
                if (checkpoint.Window == null || checkpoint.Window.Length != Checkpoint.WindowSize)
                {
                    throw new ArgumentException($"Checkpoint {i} has a window of {checkpoint.Window?.Length ?? 0} bytes; zinfo needs exactly {Checkpoint.WindowSize}.");
                }
                BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(offset), checkpoint.CompressedOffset);
                BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(offset + 8), checkpoint.UncompressedOffset);
                destination[offset + 16] = checkpoint.Bits;
                checkpoint.Window.AsSpan().CopyTo(destination.Slice(offset + 17));
                offset += RecordSize;
            }
        }

        public static GzipZinfo Read(byte[] blob)
        {
            if (blob == null) throw new ArgumentNullException(nameof(blob));
            if (blob.Length < HeaderSize)
            {
                throw new SociFormatException($"The gzip checkpoint blob is {blob.Length} bytes; it needs at least a {HeaderSize}-byte header.");
            }
            var count = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(0));
            var spanSize = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(4));
            if (count < 0) throw new SociFormatException($"The gzip checkpoint blob claims {count} checkpoints.");
            var recordBytes = blob.Length - HeaderSize;
            bool legacy;
            if (recordBytes == (long)RecordSize * count) legacy = false;
            else if (count > 0 && recordBytes == (long)RecordSize * (count - 1)) legacy = true;
            else
            {
                throw new SociFormatException(
                    $"The gzip checkpoint blob is {blob.Length} bytes, which fits neither v2 ({HeaderSize} + {RecordSize} x {count}) nor v1 ({HeaderSize} + {RecordSize} x {count - 1}).");
            }

            var checkpoints = new List<Checkpoint>(count);
            if (legacy) checkpoints.Add(new Checkpoint { CompressedOffset = LegacyFirstCompressedOffset });
            var offset = HeaderSize;
            while (checkpoints.Count < count)
            {
                var bits = blob[offset + 16];
                if (bits > 7) throw new SociFormatException($"Checkpoint {checkpoints.Count} of the gzip checkpoint blob has {bits} bits; at most 7 are possible.");
                var window = new byte[Checkpoint.WindowSize];
                Buffer.BlockCopy(blob, offset + 17, window, 0, Checkpoint.WindowSize);
                checkpoints.Add(new Checkpoint
                {
                    CompressedOffset = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(offset)),
                    UncompressedOffset = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(offset + 8)),
                    Bits = bits,
                    Window = window,
                });
                offset += RecordSize;
            }
            return new GzipZinfo(checkpoints, spanSize, legacy);
        }
    }
}
