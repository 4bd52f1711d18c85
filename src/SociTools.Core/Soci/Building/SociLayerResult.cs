using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Building
{
    /// <summary>What the index builder did with one image layer: indexed it, or skipped it and why.</summary>
    public sealed class SociLayerResult
    {
        public SociLayerResult(Descriptor layer, LayerZtoc? ztoc, string? skipReason, bool skippedForSize = false)
        {
            Layer = layer;
            Ztoc = ztoc;
            SkipReason = skipReason;
            SkippedForSize = skippedForSize;
        }

        public Descriptor Layer { get; }
        public bool Indexed => Ztoc != null;
        public string? SkipReason { get; }

        /// <summary>True when a lower minimum layer size alone would have indexed the layer.</summary>
        public bool SkippedForSize { get; }
        public LayerZtoc? Ztoc { get; }

        public override string ToString() =>
            Indexed ? $"layer {Layer.Digest} -> ztoc {Ztoc!.Digest}" : $"ztoc skipped - layer {Layer.Digest} ({Layer.MediaType}) {SkipReason}";
    }
}
