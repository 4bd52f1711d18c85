using System.IO;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// Says what .NET's gzip decoder rejected: its own message ("unsupported compression method") is the same for every
    /// corruption and names neither the fault nor the place.
    /// </summary>
    internal static class GzipDecodeFailure
    {
        public static SociFormatException Describe(string subject, long uncompressedBytes, long compressedOffset, InvalidDataException error) =>
            new SociFormatException(
                $"{subject} is corrupt: decoding failed after {uncompressedBytes} uncompressed bytes, near compressed offset {compressedOffset}; " +
                "its deflate data is damaged, or a gzip member's CRC32 or length does not match its bytes.",
                error);

        /// <summary>For a stream whose deflate structure and lengths were checked already: what is left is the CRC32.</summary>
        public static SociFormatException CrcMismatch(long trailerOffset, InvalidDataException error) =>
            new SociFormatException(
                $"The gzip data is corrupt: the CRC32 in the member trailer at compressed offset {trailerOffset} does not match the bytes the " +
                "member decodes to (its deflate blocks and length are well formed, so bytes were changed after it was compressed), or a " +
                "back-reference in that member reaches before its first byte.",
                error);
    }
}
