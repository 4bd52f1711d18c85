namespace SociTools.Core.Finch.Run
{
    /// <summary>The conditions checked before <c>finch run --snapshotter soci</c>, each a known reason lazy loading fails.</summary>
    public enum PreflightCheck
    {
        /// <summary><c>soci</c> is in finch.yaml's <c>snapshotters</c>, so the VM installs and enables the snapshotter.</summary>
        SnapshotterConfigured,
        /// <summary>The running VM was started with the soci provisioning script (finch.yaml changes apply only at VM start).</summary>
        VmStartedWithSoci,
        VmRunning,
        /// <summary>The image is not already present locally; a present image is not pulled, so nothing is lazily loaded.</summary>
        ImageNotLocal,
        SociIndexFound,
        /// <summary>A SOCI index manifest v2, which Finch's bundled snapshotter uses; v1 is ignored by default.</summary>
        SociIndexV2,
        /// <summary>At least one layer is big enough for a zTOC; layers without one are fetched in full.</summary>
        LayersIndexed,
    }

    public enum PreflightOutcome
    {
        Passed,
        Failed,
        /// <summary>The fact could not be gathered (no VM on Linux, registry unreachable…); the message says why.</summary>
        NotChecked,
    }
}
