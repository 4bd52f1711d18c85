using System;
using System.Runtime.InteropServices;

namespace SociTools.Core.Finch
{
    /// <summary>The kinds of Finch install, which differ in config location, VM and command forms.</summary>
    public enum FinchHostKind
    {
        MacOS,
        Windows,
        /// <summary>Finch's deb/rpm packages: no VM, nerdctl runs on the host, <c>snapshotters</c> is ignored.</summary>
        LinuxNative,
    }

    /// <summary>Which kind of Finch install this host has; <c>SOCITOOLS_FINCH_PLATFORM</c> overrides it (tests act as each kind).</summary>
    public static class FinchHostPlatform
    {
        public const string OverrideVariable = "SOCITOOLS_FINCH_PLATFORM";

        public static FinchHostKind Current
        {
            get
            {
                var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
                if (!string.IsNullOrEmpty(overridden))
                {
                    return overridden!.Trim().ToLowerInvariant() switch
                    {
                        "macos" or "darwin" => FinchHostKind.MacOS,
                        "windows" => FinchHostKind.Windows,
                        "linux" or "linuxnative" => FinchHostKind.LinuxNative,
                        _ => throw new FinchException($"{OverrideVariable} is '{overridden}'; use macOS, Windows or Linux."),
                    };
                }
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return FinchHostKind.Windows;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return FinchHostKind.MacOS;
                return FinchHostKind.LinuxNative;
            }
        }
    }
}
