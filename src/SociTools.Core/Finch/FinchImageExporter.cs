using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>Exports a local Finch image to a docker-archive with <c>finch save -o &lt;file&gt; &lt;image&gt;</c>.</summary>
    public sealed class FinchImageExporter
    {
        private readonly string _finch;

        public FinchImageExporter(string finchExecutable)
        {
            _finch = finchExecutable;
        }

        public async Task SaveAsync(string image, string archivePath, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(_finch)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                Arguments = "save -o " + Quote(archivePath) + " " + Quote(image),
            };
            using var process = Process.Start(start) ?? throw new FinchException($"Could not start {_finch}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (cancellationToken.Register(() => KillQuietly(process)))
            {
                await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
                await Task.Run(() => process.WaitForExit(), CancellationToken.None).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (process.ExitCode != 0)
            {
                var reason = FinchLogMessage.Summarize(await stderr.ConfigureAwait(false));
                throw new FinchException(
                    $"'finch save {image}' failed with exit code {process.ExitCode}: {(reason.Length > 0 ? reason : "finch printed no reason")}",
                    process.ExitCode);
            }
            if (!File.Exists(archivePath) || new FileInfo(archivePath).Length == 0)
            {
                throw new FinchException($"'finch save {image}' reported success but wrote no archive at {archivePath}.");
            }
        }

        // Windows' CommandLineToArgvW and .NET on Unix both split on spaces and honour double quotes.
        private static string Quote(string argument) =>
            argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

        private static void KillQuietly(Process process)
        {
            try
            {
                if (!process.HasExited) process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
