namespace SociTools.Core.Oci.Content
{
    /// <summary>One piece of an image graph copied to a destination, or found already there.</summary>
    public sealed class CopiedContent
    {
        public CopiedContent(Descriptor descriptor, bool alreadyPresent)
        {
            Descriptor = descriptor;
            AlreadyPresent = alreadyPresent;
        }

        public Descriptor Descriptor { get; }

        public bool AlreadyPresent { get; }
    }
}
