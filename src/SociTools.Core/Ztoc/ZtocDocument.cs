using System.Collections.Generic;

namespace SociTools.Core.Ztoc
{
    /// <summary>A zTOC: per-file tar metadata of one layer plus the compression info for random access (schema table <c>Ztoc</c>).</summary>
    public sealed class ZtocDocument
    {
        /// <summary>The only zTOC version soci writes; it is never checked on read.</summary>
        public const string Version09 = "0.9";

        /// <summary>The build tool identifier the soci CLI writes.</summary>
        public const string SociCliBuildTool = "AWS SOCI CLI v0.2";

        public string Version { get; set; } = Version09;

        public string BuildToolIdentifier { get; set; } = SociCliBuildTool;

        /// <summary>Size of the layer blob as stored (gzip trailer included).</summary>
        public long CompressedArchiveSize { get; set; }

        /// <summary>Where the tar stream ends (after its two zero blocks), not necessarily the full decompressed length.</summary>
        public long UncompressedArchiveSize { get; set; }

        /// <summary>The TOC in file order as built (tar order); a read zTOC is sorted by offset.</summary>
        public IReadOnlyList<FileMetadata> Files { get; set; } = new FileMetadata[0];

        public CompressionInfo CompressionInfo { get; set; } = new CompressionInfo();
    }
}
