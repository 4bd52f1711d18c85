using System;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Building
{
    /// <summary>Building the zTOC of one layer failed for a reason other than the layer being unindexable; the index build stops.</summary>
    public class SociLayerBuildException : Exception
    {
        public SociLayerBuildException(Descriptor layer, Exception inner)
            : base($"Could not build the zTOC for layer {layer.Digest} ({layer.MediaType}): {inner.Message}", inner)
        {
            Layer = layer;
        }

        public Descriptor Layer { get; }
    }
}
