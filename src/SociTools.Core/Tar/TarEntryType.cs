using System;

namespace SociTools.Core.Tar
{
    /// <summary>The entry types soci can put in a zTOC, by tar typeflag.</summary>
    public enum TarEntryType : byte
    {
        Regular = (byte)'0',
        HardLink = (byte)'1',
        SymbolicLink = (byte)'2',
        CharacterDevice = (byte)'3',
        BlockDevice = (byte)'4',
        Directory = (byte)'5',
        Fifo = (byte)'6',
    }

    /// <summary>The zTOC <c>type</c> strings soci writes for each entry type.</summary>
    public static class TarEntryTypeNames
    {
        public static string ToZtocType(this TarEntryType type) => type switch
        {
            TarEntryType.Regular => "reg",
            TarEntryType.HardLink => "hardlink",
            TarEntryType.SymbolicLink => "symlink",
            TarEntryType.CharacterDevice => "char",
            TarEntryType.BlockDevice => "block",
            TarEntryType.Directory => "dir",
            TarEntryType.Fifo => "fifo",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a type soci indexes."),
        };

        /// <summary>True for the types whose tar data section is empty whatever the size field says (Go's header-only types).</summary>
        public static bool IsHeaderOnly(this TarEntryType type) => type != TarEntryType.Regular;
    }
}
