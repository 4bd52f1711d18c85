namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>A file read out of an image, and how much of its layer was fetched to read it.</summary>
    public sealed class ImageFileRead
    {
        internal ImageFileRead(ImageFileLocation location, long compressedBytesFetched, int spansRead)
        {
            Location = location;
            CompressedBytesFetched = compressedBytesFetched;
            SpansRead = spansRead;
        }

        public ImageFileLocation Location { get; }

        /// <summary>Bytes of the layer blob fetched by range requests.</summary>
        public long CompressedBytesFetched { get; }

        public int SpansRead { get; }
    }
}
