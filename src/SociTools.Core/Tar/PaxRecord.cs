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
    }
}
