using System;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>A layer that must be read to find a file has no zTOC in the SOCI index, so it cannot be read by spans.</summary>
    public sealed class LayerNotIndexedException : Exception
    {
        public LayerNotIndexedException(Digest layer, string message) : base(message)
        {
            Layer = layer;
        }

        public Digest Layer { get; }
    }
}
