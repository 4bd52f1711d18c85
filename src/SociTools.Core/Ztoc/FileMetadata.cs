using System.Collections.Generic;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>One file of a zTOC's TOC (schema table <c>FileMetadata</c>).</summary>
    public sealed class FileMetadata
    {
        public RawString Name { get; set; }

        /// <summary><c>reg</c>, <c>dir</c>, <c>symlink</c>, <c>hardlink</c>, <c>char</c>, <c>block</c> or <c>fifo</c>.</summary>
        public string Type { get; set; } = "";

        /// <summary>Offset of the file data in the uncompressed tar stream.</summary>
        public long UncompressedOffset { get; set; }

        public long UncompressedSize { get; set; }

        public RawString Linkname { get; set; }

        public long Mode { get; set; }

        public uint Uid { get; set; }

        public uint Gid { get; set; }

        public RawString Uname { get; set; }

        public RawString Gname { get; set; }

        public TarTime ModTime { get; set; } = TarTime.GoZero;

        public long DevMajor { get; set; }

        public long DevMinor { get; set; }

        /// <summary>All PAX records of the entry, sorted by key (the schema calls them <c>xattrs</c>).</summary>
        public IReadOnlyList<PaxRecord> PaxRecords { get; set; } = new PaxRecord[0];

        /// <summary>
        /// Where the entry's header blocks start, derived on read (never stored): the previous entry's end rounded up
        /// to 512 bytes, or 0 for the first entry.
        /// </summary>
        public long TarHeaderOffset { get; set; }

        /// <summary>Extended attributes: <c>SCHILY.xattr.</c> records with the prefix removed (soci's <c>Xattrs()</c>).</summary>
        public IReadOnlyList<PaxRecord> Xattrs => PaxRecord.XattrsOf(PaxRecords);

        public override string ToString() => $"{Type} {Name} @{UncompressedOffset}+{UncompressedSize}";
    }
}
