using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>One zTOC listed in a SOCI index, with the image layer it belongs to.</summary>
    public sealed class SociZtocReference
    {
        public SociZtocReference(Descriptor ztoc, Digest layerDigest, string? layerMediaType, long? spanSize, bool disableXattrs)
        {
            Ztoc = ztoc;
            LayerDigest = layerDigest;
            LayerMediaType = layerMediaType;
            SpanSize = spanSize;
            DisableXattrs = disableXattrs;
        }

        public Descriptor Ztoc { get; }
        public Digest LayerDigest { get; }
        public string? LayerMediaType { get; }

        /// <summary>From the span-size annotation; null when the index predates it or the value is not a number.</summary>
        public long? SpanSize { get; }

        public bool DisableXattrs { get; }
    }
}
