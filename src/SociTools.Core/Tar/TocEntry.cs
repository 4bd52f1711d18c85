using System.Collections.Generic;

namespace SociTools.Core.Tar
{
    /// <summary>One tar entry as soci's TOC builder records it (Go <c>archive/tar</c> header semantics).</summary>
    public sealed class TocEntry
    {
        /// <summary>The entry name verbatim: USTAR prefix/name, then PAX <c>path</c>, then a GNU long name.</summary>
        public RawString Name { get; set; }

        public TarEntryType Type { get; set; }

        /// <summary>Offset of the entry's file data (the byte after its last header block) in the uncompressed stream.</summary>
        public long DataOffset { get; set; }

        /// <summary>The header size (after a PAX <c>size</c> override); link, device and directory entries keep it even though they carry no data.</summary>
        public long Size { get; set; }

        public RawString Linkname { get; set; }

        /// <summary>The raw numeric mode field, bits above 07777 included.</summary>
        public long Mode { get; set; }

        public long Uid { get; set; }

        public long Gid { get; set; }

        public RawString Uname { get; set; }

        public RawString Gname { get; set; }

        public TarTime ModTime { get; set; }

        public long DevMajor { get; set; }

        public long DevMinor { get; set; }

        /// <summary>Every record of the entry's local PAX header, sorted by key in byte order.</summary>
        public IReadOnlyList<PaxRecord> PaxRecords { get; set; } = new PaxRecord[0];

        /// <summary>The extended attributes: PAX <c>SCHILY.xattr.</c> records with the prefix removed.</summary>
        public IReadOnlyList<PaxRecord> Xattrs => PaxRecord.XattrsOf(PaxRecords);

        public override string ToString() => $"{Type.ToZtocType()} {Name} @{DataOffset}+{Size}";
    }
}
