namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Told about every place where zlib's Z_BLOCK inflate would stop outside a final block.</summary>
    internal interface IBoundaryListener
    {
        void OnBoundary(long compressedOffset, long uncompressedOffset, byte bits);

        void OnProgress(long uncompressedOffset);
    }
}
