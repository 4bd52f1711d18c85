namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Where a gzip member ends: its trailer's compressed offset and the uncompressed length up to its last byte.</summary>
    internal readonly struct GzipMemberEnd
    {
        public GzipMemberEnd(long trailerOffset, long uncompressedEnd)
        {
            TrailerOffset = trailerOffset;
            UncompressedEnd = uncompressedEnd;
        }

        public long TrailerOffset { get; }

        public long UncompressedEnd { get; }
    }
}
