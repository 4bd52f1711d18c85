
namespace SociTools.Core.Ztoc.Extraction
{
    /// <summary>What extracting one file through a zTOC wrote, and what it read of the layer.</summary>
    public sealed class ExtractedFile
    {
        public ExtractedFile(FileMetadata file, long compressedBytesRead, int spansRead)
        {
            File = file;
            CompressedBytesRead = compressedBytesRead;
            SpansRead = spansRead;
        }

        public FileMetadata File { get; }
        public long CompressedBytesRead { get; }
        public int SpansRead { get; }
    }
}
