using System.Collections.Generic;

namespace SociTools.Core.Tar
{
    /// <summary>One <c>key=value</c> record of a PAX extended header; soci keeps every one of them.</summary>
    public readonly struct PaxRecord
    {
        public const string XattrPrefix = "SCHILY.xattr.";

        public PaxRecord(RawString key, RawString value)
        {
            Key = key;
            Value = value;
        }

        public RawString Key { get; }

        public RawString Value { get; }

        public override string ToString() => Key + "=" + Value;

        /// <summary>The extended attributes among PAX records: <c>SCHILY.xattr.</c> records with the prefix removed (soci's <c>Xattrs()</c>).</summary>
        public static IReadOnlyList<PaxRecord> XattrsOf(IReadOnlyList<PaxRecord> records)
        {
            var prefix = RawString.FromString(XattrPrefix);
            var xattrs = new List<PaxRecord>();
            foreach (var record in records)
            {
                if (record.Key.StartsWith(prefix)) xattrs.Add(new PaxRecord(record.Key.Substring(prefix.Length), record.Value));
            }
            return xattrs;
        }
    }
}
