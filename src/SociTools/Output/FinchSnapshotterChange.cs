using System.Collections.Generic;

namespace SociTools
{
    /// <summary>What Enable-/Disable-SociSnapshotter did to finch.yaml's snapshotters list, and to the VM.</summary>
    public sealed class FinchSnapshotterChange
    {
        public string ConfigPath { get; set; } = "";

        /// <summary>False when the file already said what was asked and nothing was written.</summary>
        public bool Changed { get; set; }

        public IReadOnlyList<string> Before { get; set; } = new string[0];
        public IReadOnlyList<string> After { get; set; } = new string[0];

        /// <summary>The snapshotter Finch's containers use by default after the change: the first listed, else overlayfs.</summary>
        public string DefaultSnapshotter { get; set; } = "";

        /// <summary>The previous file, kept as finch.yaml.bak; null when nothing was written or the file was created.</summary>
        public string? BackupPath { get; set; }

        /// <summary>Listed names Finch rejects at VM start; only overlayfs and soci are allowed.</summary>
        public IReadOnlyList<string> UnsupportedSnapshotters { get; set; } = new string[0];

        /// <summary>True when the VM must still be restarted (stop, then start) to use the change.</summary>
        public bool RestartNeeded { get; set; }

        public bool Restarted { get; set; }

        public string Message { get; set; } = "";

        public override string ToString() => Message;
    }
}
