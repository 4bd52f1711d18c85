using System;
using System.Diagnostics;
using System.Threading.Tasks;
using SociTools.Tests.Hosting;

namespace SociTools.Tests.IO
{
    /// <summary>
    /// Another process (real pwsh) that opens a lock file the way SociTools does, exclusively with FileShare.None,
    /// on command: "try" answers "held" or "busy", "release" answers "released".
    /// </summary>
    public sealed class LockHolderProcess : IDisposable
    {
        private const string Script =
            "$lock = $null\n" +
            "while (($command = [Console]::In.ReadLine()) -ne $null) {\n" +
            "  if ($command -eq 'try') {\n" +
            "    try { $lock = [IO.File]::Open($args[0], 'OpenOrCreate', 'ReadWrite', 'None'); 'held' } catch [IO.IOException] { 'busy' }\n" +
            "  } elseif ($command -eq 'release') { $lock.Dispose(); $lock = $null; 'released' }\n" +
            "  [Console]::Out.Flush()\n" +
            "}\n";

        private readonly Process _process;

        public LockHolderProcess(string lockPath)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "& { " + Script + " }", lockPath }) start.ArgumentList.Add(argument);
            _process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        }

        /// <summary>Sends a command and returns the process's one-line answer.</summary>
        public async Task<string> SendAsync(string command)
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return (await _process.StandardOutput.ReadLineAsync())?.Trim() ?? throw new InvalidOperationException("pwsh ended without answering.");
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30000)) _process.Kill();
            _process.Dispose();
        }
    }
}
