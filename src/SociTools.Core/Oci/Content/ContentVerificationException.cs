namespace SociTools.Core.Oci.Content
{
    /// <summary>Content whose size or digest is not what its descriptor says.</summary>
    public sealed class ContentVerificationException : SociFormatException
    {
        public ContentVerificationException(string message) : base(message) { }
    }
}
