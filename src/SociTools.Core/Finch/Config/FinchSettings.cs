using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Finch.Config
{
    /// <summary>The settings one finch.yaml holds; null or empty where the key is absent (Finch then uses its default).</summary>
    public sealed class FinchSettings
    {
        public const string SnapshottersKey = "snapshotters";

        /// <summary>The snapshotter names Finch accepts; any other fails <c>finch vm start</c>.</summary>
        public static IReadOnlyList<string> SupportedSnapshotters { get; } = new[] { "overlayfs", "soci" };

        public string ConfigPath { get; internal set; } = "";

        /// <summary>False when the file does not exist: Finch then writes its defaults at its next command.</summary>
        public bool Exists { get; internal set; }

        public int? Cpus { get; internal set; }
        public string? Memory { get; internal set; }
        public IReadOnlyList<string> AdditionalDirectories { get; internal set; } = new string[0];
        public bool? Rosetta { get; internal set; }
        public string? BootDisk { get; internal set; }
        public string? DataDisk { get; internal set; }
        public bool? VmNet { get; internal set; }
        public string? VmType { get; internal set; }
        public bool? AutoVmStart { get; internal set; }

        /// <summary>In file order; the first is Finch's default snapshotter. Empty when the key is absent or empty.</summary>
        public IReadOnlyList<string> Snapshotters { get; internal set; } = new string[0];

        /// <summary>Null when the key is absent (macOS then uses osxkeychain).</summary>
        public IReadOnlyList<string>? CredsHelpers { get; internal set; }
        public bool? MountInotify { get; internal set; }
        public bool? DockerCompat { get; internal set; }

        /// <summary>The known keys the file sets, in file order.</summary>
        public IReadOnlyList<string> SetKeys { get; internal set; } = new string[0];

        /// <summary>Keys Finch does not know; finch drops them (and every comment) when it rewrites the file.</summary>
        public IReadOnlyList<string> UnknownKeys { get; internal set; } = new string[0];

        /// <summary>The snapshotter Finch's containers use by default: the first listed, else overlayfs.</summary>
        public string DefaultSnapshotter => Snapshotters.Count > 0 ? Snapshotters[0] : "overlayfs";

        public bool SociEnabled => Snapshotters.Contains("soci");

        /// <summary>Listed names Finch rejects at <c>vm start</c> (<c>snapshotter &lt;name&gt; is not supported</c>).</summary>
        public IReadOnlyList<string> UnsupportedSnapshotters => UnsupportedAmong(Snapshotters);

        /// <summary>A key's value by its YAML name (<c>experimental</c> gives mountInotify); null when absent or unknown.</summary>
        public object? ValueOf(string key) => key switch
        {
            "cpus" => Cpus,
            "memory" => Memory,
            "additional_directories" => SetKeys.Contains(key) ? AdditionalDirectories : null,
            "rosetta" => Rosetta,
            "bootdisk" => BootDisk,
            "datadisk" => DataDisk,
            "vmnet" => VmNet,
            "vmType" => VmType,
            "auto_vm_start" => AutoVmStart,
            "snapshotters" => SetKeys.Contains(key) ? Snapshotters : null,
            "creds_helpers" => CredsHelpers,
            "experimental" => MountInotify,
            "dockercompat" => DockerCompat,
            _ => null,
        };

        public static IReadOnlyList<string> UnsupportedAmong(IEnumerable<string> snapshotters) =>
            snapshotters.Where(s => !SupportedSnapshotters.Contains(s)).Distinct().ToList();
    }
}
