using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SociTools.Core.Finch
{
    /// <summary>Finds the finch CLI: <c>SOCITOOLS_FINCH</c>, then PATH, then where Finch's installers put it.</summary>
    public static class FinchExecutable
    {
        public const string OverrideVariable = "SOCITOOLS_FINCH";

        public static string Locate()
        {
            var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                if (File.Exists(overridden)) return overridden!;
                throw new FinchException($"{OverrideVariable} names '{overridden}', which does not exist.");
            }
            var found = Candidates().FirstOrDefault(File.Exists);
            return found ?? throw new FinchException(
                "The finch command was not found on PATH or in Finch's install folder. Install Finch (https://runfinch.com) or set " +
                OverrideVariable + " to the finch executable.");
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
                yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "Finch", "bin", name);
            }
            else
            {
                yield return "/Applications/Finch/bin/finch";
                yield return "/usr/bin/finch";
                yield return "/usr/local/bin/finch";
            }
        }
    }
}
