using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SociTools.Tests.Registry
{
    /// <summary>Runs the skopeo CLI, the independent implementation the client's output is checked against.</summary>
    public static class Skopeo
    {
        public static async Task<byte[]> RunAsync(params string[] arguments)
        {
            var info = new ProcessStartInfo("skopeo") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException("skopeo is missing: install it with 'apt-get install -y skopeo' (CI's .ci/run does).", ex);
            }
            using (process)
            {
                var output = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
                var error = process.StandardError.ReadToEndAsync();
                await Task.WhenAll(copy, error, process.WaitForExitAsync());
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"skopeo {string.Join(" ", arguments)} exited {process.ExitCode}: {await error}");
                }
                return output.ToArray();
            }
        }
    }
}
