using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using SociTools.Core.Registry;

namespace SociTools.Tests.Registry
{
    /// <summary>A real distribution registry (Debian's docker-registry) on 127.0.0.1, storing in a temp dir; killed on dispose.</summary>
    public sealed class RegistryServer : IDisposable
    {
        private const string Binary = "/usr/bin/docker-registry";
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
        private readonly Process _process;
        private readonly string _directory;

        private RegistryServer(Process process, string directory, int port, string? username, string? password)
        {
            _process = process;
            _directory = directory;
            Port = port;
            Username = username;
            Password = password;
        }

        public int Port { get; }

        public string Host => "127.0.0.1:" + Port;

        public string? Username { get; }

        public string? Password { get; }

        public Reference Repository(string name) => Reference.Parse($"{Host}/{name}");

        /// <summary>Every manifest the registry stores for a repository, tagged or not, read from its storage folder.</summary>
        public IReadOnlyList<string> StoredManifestDigests(string repository)
        {
            var revisions = Path.Combine(_directory, "data", "docker", "registry", "v2", "repositories", repository, "_manifests", "revisions", "sha256");
            return Directory.Exists(revisions)
                ? Directory.GetDirectories(revisions).Select(d => "sha256:" + Path.GetFileName(d)).ToList()
                : new List<string>();
        }

        /// <param name="deleteEnabled">False starts a registry that answers manifest deletes with 405 UNSUPPORTED, as distribution does by default.</param>
        public static RegistryServer Start(string? username = null, string? password = null, bool deleteEnabled = true)
        {
            if (!File.Exists(Binary))
            {
                throw new InvalidOperationException($"{Binary} is missing: install it with 'apt-get install -y docker-registry' (CI's .ci/run does).");
            }
            var directory = Path.Combine(Path.GetTempPath(), "socitools-registry-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var port = FreePort();
            var auth = "";
            if (username != null)
            {
                var htpasswd = Path.Combine(directory, "htpasswd");
                File.WriteAllText(htpasswd, Htpasswd(username, password!));
                auth = $"auth:\n  htpasswd:\n    realm: socitools-test\n    path: {htpasswd}\n";
            }
            var config = Path.Combine(directory, "config.yml");
            File.WriteAllText(config,
                "version: 0.1\n" +
                "log:\n  level: info\n  accesslog:\n    disabled: true\n" +
                $"storage:\n  filesystem:\n    rootdirectory: {Path.Combine(directory, "data")}\n  delete:\n    enabled: " + (deleteEnabled ? "true" : "false") + "\n" +
                $"http:\n  addr: 127.0.0.1:{port}\n" + auth);

            var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);
            var process = Process.Start(info) ?? throw new InvalidOperationException($"{Binary} did not start.");
            var output = new StringBuilder();
            var listening = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            DataReceivedEventHandler onLine = (_, e) =>
            {
                if (e.Data == null) return;
                lock (output) output.AppendLine(e.Data);
                if (e.Data.Contains("listening on")) listening.TrySetResult(true);
            };
            process.OutputDataReceived += onLine;
            process.ErrorDataReceived += onLine;
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => listening.TrySetResult(false);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var server = new RegistryServer(process, directory, port, username, password);
            var started = listening.Task.Wait(StartTimeout) && listening.Task.Result;
            if (!started || !server.Answers())
            {
                server.Dispose();
                string log;
                lock (output) log = output.ToString();
                throw new InvalidOperationException($"docker-registry did not start on {server.Host}:\n{log}");
            }
            return server;
        }

        private bool Answers()
        {
            using var http = new HttpClient();
            using var response = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK || response.StatusCode == HttpStatusCode.Unauthorized;
        }

        private static string Htpasswd(string username, string password)
        {
            var info = new ProcessStartInfo("htpasswd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-Bbn", username, password }) info.ArgumentList.Add(argument);
            try
            {
                using var process = Process.Start(info)!;
                var line = process.StandardOutput.ReadToEnd();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException("htpasswd failed: " + error);
                return line;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("htpasswd is missing: install it with 'apt-get install -y apache2-utils'.", ex);
            }
        }

        internal static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp dir is cleaned by the OS.
            }
        }
    }
}
