namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Told where each gzip member ends, and how far the scan has read, so a decoder can stop at member ends.</summary>
    internal interface IGzipMemberListener
    {
        /// <summary>Every member end at or before <paramref name="compressedOffset"/> has been reported.</summary>
        void OnScannedTo(long compressedOffset);

        /// <summary>A member's trailer ends at <paramref name="compressedOffset"/> (where the next member, if any, begins).</summary>
        void OnMemberEnd(long compressedOffset);
    }
}
