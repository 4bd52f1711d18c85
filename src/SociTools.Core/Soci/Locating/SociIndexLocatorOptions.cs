namespace SociTools.Core.Soci.Locating
{
    /// <summary>Which lookups the locator tries; the snapshotter's <c>pull_modes</c> settings.</summary>
    public sealed class SociIndexLocatorOptions
    {
        public bool EnableV2 { get; set; } = true;

        /// <summary>On by default here so inspection finds v1 indexes; the snapshotter has it off since v0.10.0.</summary>
        public bool EnableV1 { get; set; } = true;

        /// <summary>The snapshotter's defaults: v2 on, v1 off.</summary>
        public static SociIndexLocatorOptions SnapshotterDefaults() => new SociIndexLocatorOptions { EnableV2 = true, EnableV1 = false };
    }
}
