using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Config;

namespace SociTools
{
    /// <summary>Builds Get-FinchConfig's output from the core's settings and key catalog.</summary>
    internal static class FinchConfigOutput
    {
        public static FinchConfig From(FinchSettings settings, FinchHostKind host) => new FinchConfig
        {
            ConfigPath = settings.ConfigPath,
            Exists = settings.Exists,
            HostKind = host.ToString(),
            Cpus = settings.Cpus,
            Memory = settings.Memory,
            AdditionalDirectories = settings.AdditionalDirectories,
            Rosetta = settings.Rosetta,
            BootDisk = settings.BootDisk,
            DataDisk = settings.DataDisk,
            VmNet = settings.VmNet,
            VmType = settings.VmType,
            AutoVmStart = settings.AutoVmStart,
            Snapshotters = settings.Snapshotters,
            DefaultSnapshotter = settings.DefaultSnapshotter,
            SociEnabled = settings.SociEnabled,
            UnsupportedSnapshotters = settings.UnsupportedSnapshotters,
            CredsHelpers = settings.CredsHelpers,
            MountInotify = settings.MountInotify,
            DockerCompat = settings.DockerCompat,
            UnknownKeys = settings.UnknownKeys,
            IgnoredHere = settings.SetKeys.Where(k => FinchSettingCatalog.Find(k)?.AppliesTo(host) == false).ToList(),
            Settings = FinchSettingCatalog.All.Select(d => new FinchConfigSetting
            {
                Name = d.Name,
                Value = settings.ValueOf(d.Name) is IEnumerable<string> list ? list.ToArray() : settings.ValueOf(d.Name),
                IsSet = settings.SetKeys.Contains(d.Name),
                Default = d.DefaultValue,
                TakesEffect = d.Effect.ToString(),
                Hosts = d.Hosts.Select(h => h.ToString()).ToList(),
                AppliesHere = d.AppliesTo(host),
            }).ToList(),
        };
    }
}
