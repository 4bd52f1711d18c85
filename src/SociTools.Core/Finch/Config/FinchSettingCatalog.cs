using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Finch.Config
{
    /// <summary>What a finch.yaml change needs before the VM uses it (finch.md §1.3).</summary>
    public enum FinchSettingEffect
    {
        /// <summary>Read by finch on the host at each command: applies at once.</summary>
        Immediate,

        /// <summary>Applied when the VM starts: <c>finch vm stop</c> then <c>finch vm start</c>.</summary>
        VmRestart,

        /// <summary>Written into the VM only at creation: <c>finch vm remove</c> then <c>finch vm init</c>.</summary>
        VmRecreate,
    }

    /// <summary>One finch.yaml key: its YAML name, the hosts where Finch uses it and what a change needs.</summary>
    public sealed class FinchSettingDefinition
    {
        internal FinchSettingDefinition(string name, FinchSettingEffect effect, string defaultValue, params FinchHostKind[] hosts)
        {
            Name = name;
            Effect = effect;
            DefaultValue = defaultValue;
            Hosts = hosts;
        }

        /// <summary>The exact YAML key, e.g. <c>creds_helpers</c>.</summary>
        public string Name { get; }

        public FinchSettingEffect Effect { get; }

        /// <summary>What Finch uses when the key is absent, in words.</summary>
        public string DefaultValue { get; }

        public IReadOnlyList<FinchHostKind> Hosts { get; }

        public bool AppliesTo(FinchHostKind host) => Hosts.Contains(host);
    }

    /// <summary>The keys Finch 1.18 reads from finch.yaml; yaml.v3 drops any other key when finch rewrites the file.</summary>
    public static class FinchSettingCatalog
    {
        private const FinchHostKind Mac = FinchHostKind.MacOS;
        private const FinchHostKind Win = FinchHostKind.Windows;
        private const FinchHostKind Linux = FinchHostKind.LinuxNative;

        public static IReadOnlyList<FinchSettingDefinition> All { get; } = new[]
        {
            new FinchSettingDefinition("cpus", FinchSettingEffect.VmRestart, "half the host's CPUs, at least 2", Mac),
            new FinchSettingDefinition("memory", FinchSettingEffect.VmRestart, "half the host's memory, at least 2GiB", Mac),
            new FinchSettingDefinition("additional_directories", FinchSettingEffect.VmRestart, "none", Mac),
            new FinchSettingDefinition("rosetta", FinchSettingEffect.VmRecreate, "false", Mac),
            new FinchSettingDefinition("bootdisk", FinchSettingEffect.VmRestart, "100GiB", Mac),
            new FinchSettingDefinition("datadisk", FinchSettingEffect.VmRestart, "50GiB", Mac),
            new FinchSettingDefinition("vmnet", FinchSettingEffect.VmRecreate, "unset", Mac),
            new FinchSettingDefinition("vmType", FinchSettingEffect.VmRecreate, "vz on macOS 13+ (else qemu); wsl2 on Windows", Mac, Win),
            new FinchSettingDefinition("auto_vm_start", FinchSettingEffect.Immediate, "true", Mac, Win),
            new FinchSettingDefinition("snapshotters", FinchSettingEffect.VmRestart, "none (containerd's default, overlayfs)", Mac, Win),
            new FinchSettingDefinition("creds_helpers", FinchSettingEffect.VmRestart, "osxkeychain on macOS; none on Windows", Mac, Win),
            new FinchSettingDefinition("experimental", FinchSettingEffect.VmRecreate, "mountInotify: false", Mac, Win),
            new FinchSettingDefinition("dockercompat", FinchSettingEffect.Immediate, "false", Mac, Win, Linux),
        };

        public static FinchSettingDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);
    }
}
