using System.Collections.Generic;

namespace SociTools.Core.Tar
{
    /// <summary>What a TOC build produces: the entries in tar order and where the tar stream ended.</summary>
    public sealed class TarToc
    {
        public TarToc(IReadOnlyList<TocEntry> entries, long uncompressedArchiveSize)
        {
            Entries = entries;
            UncompressedArchiveSize = uncompressedArchiveSize;
        }

        public IReadOnlyList<TocEntry> Entries { get; }

        /// <summary>The stream position where Go's tar reader reports the end: after the two zero blocks, not record padding.</summary>
        public long UncompressedArchiveSize { get; }
    }
}
