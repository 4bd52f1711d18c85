using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// Runs <c>docker-credential-&lt;name&gt; get</c> (the docker credential-helper protocol): the server URL on stdin,
    /// <c>{"ServerURL","Username","Secret"}</c> on stdout.
    /// </summary>
    internal static class CredentialHelperProcess
    {
        private const string NotFoundMessage = "credentials not found in native keychain";

        // docker stores identity tokens in helpers under this user name.
        private const string IdentityTokenUserName = "<token>";

        private const int MaxOutputChars = 1 << 20;

        public static async Task<RegistryCredential?> GetAsync(
            string executablePath, ConfiguredHelper helper, string registryHost, string source, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var startInfo = new ProcessStartInfo(executablePath, "get")
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };

            using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, _) => exited.TrySetResult(true);
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is Win32Exception || e is InvalidOperationException)
            {
                throw new CredentialHelperException(
                    helper.Name, registryHost, $"Credential helper {helper.ProgramName} ({executablePath}) could not be started: {e.Message}");
            }

            var stdout = ReadBoundedAsync(process.StandardOutput);
            var stderr = ReadBoundedAsync(process.StandardError);
            try
            {
                await process.StandardInput.WriteAsync(RegistryHostName.ToHelperServerUrl(registryHost)).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading stdin; its exit code and output say why.
            }

            var finished = Task.WhenAll(exited.Task, stdout, stderr);
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(timeout);
                var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (deadline.Token.Register(() => stopped.TrySetResult(true)))
                {
                    if (await Task.WhenAny(finished, stopped.Task).ConfigureAwait(false) != finished)
                    {
                        KillProcessTree(process);
                        cancellationToken.ThrowIfCancellationRequested();
                        throw new CredentialHelperException(
                            helper.Name, registryHost,
                            $"Credential helper {helper.ProgramName} gave no answer for '{registryHost}' within {timeout.TotalSeconds:0.#} s and was stopped. " +
                            "It may be waiting for input it cannot get here (a login prompt or a locked keychain).");
                    }
                }
            }

            return Interpret(helper, registryHost, source, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        private static RegistryCredential? Interpret(
            ConfiguredHelper helper, string registryHost, string source, int exitCode, string stdout, string stderr)
        {
            if (stdout.IndexOf(NotFoundMessage, StringComparison.OrdinalIgnoreCase) >= 0 ||
                stderr.IndexOf(NotFoundMessage, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return null;
            }

            if (exitCode != 0)
            {
                var detail = SecretScrubber.FirstLine(stderr.Trim().Length > 0 ? stderr : stdout);
                throw new CredentialHelperException(
                    helper.Name, registryHost,
                    $"Credential helper {helper.ProgramName} failed for '{registryHost}' with exit code {exitCode}" +
                    (detail.Length > 0 ? $": {detail}" : "."),
                    exitCode);
            }

            string? username;
            string? secret;
            try
            {
                using var document = JsonDocument.Parse(stdout);
                username = ReadString(document.RootElement, "Username");
                secret = ReadString(document.RootElement, "Secret");
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                // The output is not echoed: a helper that half-worked may have printed the secret.
                throw new CredentialHelperException(
                    helper.Name, registryHost,
                    $"Credential helper {helper.ProgramName} exited successfully for '{registryHost}' but did not print the " +
                    "{\"ServerURL\",\"Username\",\"Secret\"} JSON the docker credential-helper protocol requires.",
                    exitCode);
            }

            if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(secret))
            {
                return null;
            }

            return username == IdentityTokenUserName
                ? new RegistryCredential(null, null, source, identityToken: secret)
                : new RegistryCredential(username, secret, source);
        }

        private static string? ReadString(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        // Output past the cap is read and dropped, so a chatty helper can neither fill memory nor block on a full pipe.
        private static async Task<string> ReadBoundedAsync(StreamReader reader)
        {
            var text = new StringBuilder();
            var buffer = new char[4096];
            try
            {
                int read;
                while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    if (text.Length < MaxOutputChars)
                    {
                        text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                // The process was stopped; what was read so far is all there is.
            }

            return text.ToString();
        }

        private static void KillProcessTree(Process process)
        {
            try
            {
                // Process.Kill(bool) exists on .NET Core 3+ (PowerShell 7) but not in netstandard2.0's surface;
                // without it a helper's child could keep running after the timeout.
                var killTree = typeof(Process).GetMethod(nameof(Process.Kill), new[] { typeof(bool) });
                if (killTree != null)
                {
                    killTree.Invoke(process, new object[] { true });
                }
                else
                {
                    process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is System.Reflection.TargetInvocationException)
            {
                // It exited on its own in the meantime.
            }
        }
    }
}
