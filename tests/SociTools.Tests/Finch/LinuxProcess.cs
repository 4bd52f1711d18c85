using System;
using System.IO;

namespace SociTools.Tests.Finch
{
    /// <summary>Helpers for the bash doubles and scripts the Finch tests run (Linux, as in CI).</summary>
    internal static class LinuxProcess
    {
        /// <summary>Writes a script and marks it executable.</summary>
        public static void WriteExecutable(string path, string script)
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The Finch tests run bash scripts; run them on Linux.");
            File.WriteAllText(path, script);
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        /// <summary>
        /// True once the process has ended, waiting up to <paramref name="timeout"/>: a cmdlet stopped by Ctrl+C may return
        /// right after it sent SIGKILL, a moment before the kernel has ended the process.
        /// </summary>
        public static bool Ends(int pid, TimeSpan timeout)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return process.WaitForExit(timeout) || !IsAlive(pid);
            }
            catch (ArgumentException)
            {
                return true; // already gone
            }
        }

        // A killed process whose parent has not reaped it yet shows as a zombie ('Z'): it no longer runs.
        public static bool IsAlive(int pid)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return false;
            try
            {
                var text = File.ReadAllText(stat);
                var state = text.Substring(text.LastIndexOf(')') + 2, 1);
                return state != "Z" && state != "X";
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
