using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// Runs an executable with exact arguments, streaming its output lines as they arrive and keeping both streams (or their tails);
    /// cancelling ends the child and the processes it started, then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static class ProcessRunner
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Runs to the end and returns the exit code and output; a non-zero exit is not an error here.</summary>
        public static async Task<ProcessResult> RunAsync(
            string executable, IReadOnlyList<string> arguments, ProcessRunOptions? options, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            options ??= new ProcessRunOptions();
            using var process = new Process { StartInfo = StartInfo(executable, arguments, options) };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new ProcessStartException(executable, e);
            }

            var gate = new object();
            var standardOutput = new OutputLineSplitter(text => options.OnLine?.Invoke(new ProcessOutputLine(ProcessOutputStream.StandardOutput, text)), options.KeptCharacters);
            var standardError = new OutputLineSplitter(text => options.OnLine?.Invoke(new ProcessOutputLine(ProcessOutputStream.StandardError, text)), options.KeptCharacters);
            // Both streams are drained at once, so a child filling one pipe never waits on us reading the other.
            var pumps = Task.WhenAll(
                PumpAsync(process, process.StandardOutput, standardOutput, gate),
                PumpAsync(process, process.StandardError, standardError, gate));
            using (cancellationToken.Register(() => ProcessTree.Kill(process)))
            {
                WriteStandardInput(process, options.StandardInput);
                try
                {
                    await pumps.ConfigureAwait(false);
                }
                catch
                {
                    // A line callback failed (the pump has ended the child); wait for it so no zombie is left.
                    await Task.Run(() => process.WaitForExit(), CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                await Task.Run(() => process.WaitForExit(), CancellationToken.None).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult(process.ExitCode, standardOutput.KeptText, standardError.KeptText);
        }

        private static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments, ProcessRunOptions options)
        {
            var start = new ProcessStartInfo(executable, CommandLineArguments.Join(arguments))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Utf8,
                StandardErrorEncoding = Utf8,
            };
            if (!string.IsNullOrEmpty(options.WorkingDirectory)) start.WorkingDirectory = options.WorkingDirectory;
            if (options.Environment != null)
            {
                foreach (var variable in options.Environment)
                {
                    if (variable.Value == null) start.Environment.Remove(variable.Key);
                    else start.Environment[variable.Key] = variable.Value;
                }
            }
            return start;
        }

        private static async Task PumpAsync(Process process, StreamReader reader, OutputLineSplitter splitter, object gate)
        {
            try
            {
                var buffer = new char[4096];
                int read;
                while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    lock (gate) splitter.Write(buffer, read);
                }
                lock (gate) splitter.Finish();
            }
            catch
            {
                // A line callback failed: end the child now, or the other stream's pump waits for it to exit on its own
                // (a container in the foreground may never do so).
                ProcessTree.Kill(process);
                throw;
            }
        }

        private static void WriteStandardInput(Process process, string? text)
        {
            try
            {
                if (text != null)
                {
                    // Not the process's encoding: the child reads UTF-8 without a byte-order mark.
                    var bytes = Utf8.GetBytes(text);
                    process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child ended or closed stdin without reading it; its exit code tells the rest.
            }
        }
    }
}
