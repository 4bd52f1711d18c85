using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SociTools.Tests.Oci
{
    /// <summary>Runs a Debian tool (skopeo, umoci) and fails the test when it is missing or exits non-zero.</summary>
    public static class ExternalTool
    {
        public static async Task<string> RunAsync(string tool, params string[] arguments)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException($"{tool} is not installed; install it with apt-get install -y {tool}.", e);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{tool} {string.Join(" ", arguments)} exited with {process.ExitCode}: {await error}");
                }
                return await output;
            }
        }
    }
}
