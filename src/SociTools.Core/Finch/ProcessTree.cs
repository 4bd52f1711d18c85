using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SociTools.Core.Finch
{
    /// <summary>Ends a child process and, where the runtime allows, every process it started.</summary>
    internal static class ProcessTree
    {
        // netstandard2.0 lacks Process.Kill(bool); the runtimes PowerShell 7 runs on have it, so it is found at run time.
        private static readonly System.Reflection.MethodInfo? KillEntireTree =
            typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

        public static void Kill(Process process)
        {
            try
            {
                if (process.HasExited) return;
                if (KillEntireTree != null)
                {
                    KillEntireTree.Invoke(process, new object[] { true });
                }
                else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    KillWithTaskkill(process);
                }
                else
                {
                    process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is System.Reflection.TargetInvocationException)
            {
                // The process ended on its own in the meantime; nothing is left to stop.
            }
        }

        // Windows PowerShell 5.1 runs on .NET Framework, which has no tree kill; taskkill /T walks the tree.
        private static void KillWithTaskkill(Process process)
        {
            var taskkill = new ProcessStartInfo("taskkill", $"/T /F /PID {process.Id}")
            {
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var killer = Process.Start(taskkill);
            if (killer == null || !killer.WaitForExit(10000)) process.Kill();
        }
    }
}
