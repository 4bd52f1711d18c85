using System;

namespace SociTools.Core.Soci.Building
{
    /// <summary>Thrown by a zTOC builder for a layer SOCI cannot index (zstd, an unsupported tar entry); the layer is skipped, not the image.</summary>
    public class UnindexableLayerException : Exception
    {
        public UnindexableLayerException(string reason) : base(reason)
        {
            Reason = reason;
        }

        public UnindexableLayerException(string reason, Exception inner) : base(reason, inner)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}
