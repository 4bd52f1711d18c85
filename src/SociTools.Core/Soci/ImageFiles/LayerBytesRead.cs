using SociTools.Core.Oci;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>How far the zTOC build of one layer has read into its compressed blob.</summary>
    public sealed class LayerBytesRead
    {
        public LayerBytesRead(Descriptor layer, long bytesRead)
        {
            Layer = layer;
            BytesRead = bytesRead;
        }

        public Descriptor Layer { get; }

        public long BytesRead { get; }
    }
}
