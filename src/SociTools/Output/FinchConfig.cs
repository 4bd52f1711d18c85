using System.Collections.Generic;

namespace SociTools
{
    /// <summary>finch.yaml as Get-FinchConfig reads it: the values, plus how each setting takes effect.</summary>
    public sealed class FinchConfig
    {
        public string ConfigPath { get; set; } = "";

        /// <summary>False when the file is missing: Finch writes its defaults at its next command.</summary>
        public bool Exists { get; set; }

        /// <summary>The kind of Finch install the paths and rules are for: MacOS, Windows or LinuxNative.</summary>
        public string HostKind { get; set; } = "";

        public int? Cpus { get; set; }
        public string? Memory { get; set; }
        public IReadOnlyList<string> AdditionalDirectories { get; set; } = new string[0];
        public bool? Rosetta { get; set; }
        public string? BootDisk { get; set; }
        public string? DataDisk { get; set; }
        public bool? VmNet { get; set; }
        public string? VmType { get; set; }
        public bool? AutoVmStart { get; set; }
        public IReadOnlyList<string> Snapshotters { get; set; } = new string[0];
        public string DefaultSnapshotter { get; set; } = "";
        public bool SociEnabled { get; set; }
        public IReadOnlyList<string> UnsupportedSnapshotters { get; set; } = new string[0];
        public IReadOnlyList<string>? CredsHelpers { get; set; }
        public bool? MountInotify { get; set; }
        public bool? DockerCompat { get; set; }

        /// <summary>Keys Finch does not know; finch drops them, and every comment, when it rewrites the file.</summary>
        public IReadOnlyList<string> UnknownKeys { get; set; } = new string[0];

        /// <summary>Keys set in the file that Finch on this host ignores.</summary>
        public IReadOnlyList<string> IgnoredHere { get; set; } = new string[0];

        /// <summary>Every key Finch knows, set or not, with where it applies and what a change needs.</summary>
        public IReadOnlyList<FinchConfigSetting> Settings { get; set; } = new FinchConfigSetting[0];

        public override string ToString() => $"{ConfigPath}: snapshotters [{string.Join(", ", Snapshotters)}]";
    }
}
