using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>One file of <see cref="ZtocInfo"/>: its metadata and the spans its data lies in.</summary>
    public sealed class ZtocFileInfo
    {
        internal ZtocFileInfo(FileMetadata file, long endOffset, int startSpan, int endSpan)
        {
            Name = file.Name;
            Type = file.Type;
            Offset = file.UncompressedOffset;
            EndOffset = endOffset;
            Size = file.UncompressedSize;
            Linkname = file.Linkname;
            Mode = file.Mode;
            Uid = file.Uid;
            Gid = file.Gid;
            ModTime = file.ModTime;
            StartSpan = startSpan;
            EndSpan = endSpan;
        }

        public RawString Name { get; }

        public string Type { get; }

        /// <summary>First byte of the file data in the uncompressed stream.</summary>
        public long Offset { get; }

        /// <summary>Offset plus size: the byte after the data.</summary>
        public long EndOffset { get; }

        public long Size { get; }

        public RawString Linkname { get; }

        public long Mode { get; }

        public uint Uid { get; }

        public uint Gid { get; }

        public TarTime ModTime { get; }

        /// <summary>Span of <see cref="Offset"/>.</summary>
        public int StartSpan { get; }

        /// <summary>Span of <see cref="EndOffset"/>, as soci computes it (so a file ending on a boundary reaches the next span).</summary>
        public int EndSpan { get; }

        public override string ToString() => $"{Name} [{Offset}, {EndOffset}) spans {StartSpan}-{EndSpan}";
    }
}
