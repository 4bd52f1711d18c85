using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>What the index builder did with one image layer: indexed it, or skipped it and why.</summary>
    public sealed class SociLayerResult
    {
        public SociLayerResult(Descriptor layer, LayerZtoc? ztoc, string? skipReason)
        {
            Layer = layer;
            Ztoc = ztoc;
            SkipReason = skipReason;
        }

        public Descriptor Layer { get; }
        public bool Indexed => Ztoc != null;
        public string? SkipReason { get; }
        public LayerZtoc? Ztoc { get; }

        public override string ToString() =>
            Indexed ? $"layer {Layer.Digest} -> ztoc {Ztoc!.Digest}" : $"ztoc skipped - layer {Layer.Digest} ({Layer.MediaType}) {SkipReason}";
    }
}
