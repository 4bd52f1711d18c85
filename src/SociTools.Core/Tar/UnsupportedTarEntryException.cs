namespace SociTools.Core.Tar
{
    /// <summary>A well-formed tar entry soci cannot index (a PAX global header, a sparse file, an unknown typeflag).</summary>
    public sealed class UnsupportedTarEntryException : SociFormatException
    {
        public UnsupportedTarEntryException(string message) : base(message) { }
    }
}
