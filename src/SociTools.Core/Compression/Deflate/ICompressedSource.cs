namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Supplies compressed bytes to a <see cref="DeflateBitInput"/>.</summary>
    internal interface ICompressedSource
    {
        /// <summary>Copies up to <paramref name="count"/> bytes; 0 means the stream has ended.</summary>
        int Read(byte[] buffer, int offset, int count, long consumedUpTo);
    }
}
