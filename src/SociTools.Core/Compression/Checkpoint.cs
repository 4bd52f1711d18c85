namespace SociTools.Core.Compression
{
    /// <summary>
    /// A place in a gzip stream where decoding can resume: a deflate block boundary with the
    /// 32 KiB of output before it (soci's zinfo checkpoint).
    /// </summary>
    public sealed class Checkpoint
    {
        public const int WindowSize = 32768;

        /// <summary>Offset of the first whole compressed byte after the boundary (zinfo <c>in</c>).</summary>
        public long CompressedOffset { get; set; }

        /// <summary>Offset in the uncompressed stream (zinfo <c>out</c>).</summary>
        public long UncompressedOffset { get; set; }

        /// <summary>How many bits (0..7) of byte <c>CompressedOffset - 1</c> belong to the next block.</summary>
        public byte Bits { get; set; }

        /// <summary>The 32 KiB of uncompressed data before the checkpoint, zero-filled at the front near the start.</summary>
        public byte[] Window { get; set; } = new byte[WindowSize];
    }
}
