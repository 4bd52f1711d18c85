using System;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Building
{
    /// <summary>A serialized zTOC for one image layer, with the facts the index needs about it.</summary>
    public sealed class LayerZtoc
    {
        /// <param name="disableXattrs">True when the layer has no xattr records and no opaque-directory whiteouts, so xattrs can be disabled for it.</param>
        public LayerZtoc(byte[] bytes, Digest digest, Descriptor layer, int spanCount, int fileCount, bool disableXattrs)
        {
            Bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
            Layer = layer ?? throw new ArgumentNullException(nameof(layer));
            var actual = Oci.Digest.Compute(bytes);
            if (actual != digest)
            {
                throw new ArgumentException($"The zTOC for layer {layer.Digest} was given digest {digest}, but its bytes hash to {actual}.", nameof(digest));
            }
            Digest = digest;
            SpanCount = spanCount;
            FileCount = fileCount;
            DisableXattrs = disableXattrs;
        }

        public byte[] Bytes { get; }
        public Digest Digest { get; }
        public long Size => Bytes.Length;
        public Descriptor Layer { get; }
        public int SpanCount { get; }
        public int FileCount { get; }
        public bool DisableXattrs { get; }
    }
}
