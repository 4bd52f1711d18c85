using SociTools.Core.Oci;

namespace SociTools.Core.Registry
{
    /// <summary>A manifest or index as fetched: its exact bytes and the descriptor they hash to.</summary>
    public sealed class ManifestContent
    {
        public ManifestContent(Descriptor descriptor, byte[] bytes)
        {
            Descriptor = descriptor;
            Bytes = bytes;
        }

        public Descriptor Descriptor { get; }

        public byte[] Bytes { get; }
    }
}
