namespace SociTools.Core.Finch.Output
{
    /// <summary>What a line of finch's progress table is about, from containerd's ref key prefix.</summary>
    public enum ProgressRefKind
    {
        /// <summary>The first line of a pull: the image reference as typed.</summary>
        Image,
        Index,
        Manifest,
        Config,
        Layer,
        Unknown,
    }
}
