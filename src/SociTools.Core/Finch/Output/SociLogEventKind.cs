namespace SociTools.Core.Finch.Output
{
    /// <summary>The <c>soci:</c> lines nerdctl logs while it runs the soci CLI (push --snapshotter soci).</summary>
    public enum SociLogEventKind
    {
        /// <summary><c>layer sha256:… -> ztoc sha256:…</c>, optionally <c>(already exists)</c>.</summary>
        LayerIndexed,
        /// <summary><c>ztoc skipped - layer …</c>: under the minimum size or in an unsupported compression.</summary>
        LayerSkipped,
        CheckingExistingIndex,
        /// <summary><c>[WARN] soci index found in remote repository with digest: …</c>.</summary>
        ExistingIndexFound,
        PushingIndex,
        PushingArtifact,
        PushedArtifact,
        SkippedArtifact,
        /// <summary><c>no ztocs created, all layers either skipped or produced errors</c>: every layer under the minimum size.</summary>
        NoZtocsCreated,
        /// <summary>Another failure soci reported (its own <c>soci:</c> prefix doubled).</summary>
        Failed,
        Other,
    }
}
