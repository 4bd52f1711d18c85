using System;
using System.IO;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Where Finch reads finch.yaml on each kind of host (finch.md §1.1).</summary>
    public static class FinchConfigLocation
    {
        public const string LinuxNativePath = "/etc/finch/finch.yaml";

        /// <summary>The file a user named, or else the one Finch reads on this host.</summary>
        public static string Resolve(string? configPath) => Resolve(configPath, FinchHostPlatform.Current);

        public static string Resolve(string? configPath, FinchHostKind host) =>
            string.IsNullOrEmpty(configPath) ? DefaultPath(host) : Path.GetFullPath(configPath);

        /// <summary>
        /// macOS: <c>$HOME/.finch/finch.yaml</c>; Windows: <c>%LOCALAPPDATA%\.finch\finch.yaml</c>;
        /// Linux native: <c>/etc/finch/finch.yaml</c>.
        /// </summary>
        public static string DefaultPath(FinchHostKind host) => host switch
        {
            FinchHostKind.MacOS => Path.Combine(RequiredVariable("HOME", host), ".finch", "finch.yaml"),
            FinchHostKind.Windows => Path.Combine(RequiredVariable("LOCALAPPDATA", host), ".finch", "finch.yaml"),
            _ => LinuxNativePath,
        };

        private static string RequiredVariable(string name, FinchHostKind host)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                throw new FinchException($"The environment variable {name} is not set, so the {host} location of finch.yaml is unknown; pass -ConfigPath.");
            }
            return value!;
        }
    }
}
