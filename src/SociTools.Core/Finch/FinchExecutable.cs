using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SociTools.Core.Finch
{
    /// <summary>Finds the finch CLI: a path the user named, then <c>SOCITOOLS_FINCH</c>, then PATH, then where Finch's installers put it.</summary>
    public static class FinchExecutable
    {
        public const string OverrideVariable = "SOCITOOLS_FINCH";

        public static string Locate() => Locate(null, FinchHostPlatform.Current);

        /// <summary>The finch executable to run; <paramref name="explicitPath"/> (e.g. -FinchPath) wins over everything else.</summary>
        public static string Locate(string? explicitPath, FinchHostKind kind)
        {
            if (!string.IsNullOrEmpty(explicitPath))
            {
                if (File.Exists(explicitPath)) return Path.GetFullPath(explicitPath);
                throw new FinchNotInstalledException($"The finch executable '{explicitPath}' does not exist. {FinchNotInstalledException.InstallAdvice(kind)}.");
            }
            var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                if (File.Exists(overridden)) return Path.GetFullPath(overridden);
                throw new FinchNotInstalledException($"{OverrideVariable} names '{overridden}', which does not exist. Point it at the finch executable or remove it.");
            }
            var found = Candidates().FirstOrDefault(File.Exists);
            return found ?? throw new FinchNotInstalledException(
                $"Finch is not installed: the finch command was not found on PATH or in Finch's install folders. {FinchNotInstalledException.InstallAdvice(kind)}, " +
                $"or name the executable with -FinchPath or the {OverrideVariable} environment variable.");
        }

        private static IEnumerable<string> Candidates()
        {
            var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            var name = windows ? "finch.exe" : "finch";
            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (var folder in path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Path.Combine(folder.Trim('"'), name);
            }
            if (windows)
            {
                // A 32-bit PowerShell sees "Program Files (x86)" as ProgramFiles; Finch installs into the 64-bit folder.
                var programFiles = Environment.GetEnvironmentVariable("ProgramW6432");
                if (string.IsNullOrEmpty(programFiles)) programFiles = Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles);
                yield return Path.Combine(programFiles, "Finch", "bin", name);
            }
            else
            {
                yield return "/Applications/Finch/bin/finch";
                yield return "/usr/local/bin/finch";
                yield return "/opt/homebrew/bin/finch";
                yield return "/usr/bin/finch";
            }
        }
    }
}
