using System.IO;

namespace SociTools.Tests.Finch
{
    /// <summary>Whether a process still runs, read from /proc.</summary>
    internal static class LinuxProcess
    {
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
