using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace SociTools.Bench
{
    /// <summary>Debian's docker-registry on a free 127.0.0.1 port, with empty filesystem storage in a temp dir; killed and deleted on dispose.</summary>
    internal sealed class BenchRegistry : IDisposable
    {
        private const string Binary = "/usr/bin/docker-registry";
        private readonly Process _process;
        private readonly string _directory;

        private BenchRegistry(Process process, string directory, int port)
        {
            _process = process;
            _directory = directory;
            Host = "127.0.0.1:" + port;
        }

        public string Host { get; }

        public static async Task<BenchRegistry> StartAsync()
        {
            if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: install it with 'apt-get install -y docker-registry'.");
            var directory = Path.Combine(Path.GetTempPath(), "socitools-bench-registry-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var port = FreePort();
            var config = Path.Combine(directory, "config.yml");
            File.WriteAllText(config,
                "version: 0.1\n" +
                "log:\n  level: warn\n  accesslog:\n    disabled: true\n" +
                $"storage:\n  filesystem:\n    rootdirectory: {Path.Combine(directory, "data")}\n" +
                $"http:\n  addr: 127.0.0.1:{port}\n");
            var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);
            var process = Process.Start(info) ?? throw new InvalidOperationException($"{Binary} did not start.");
            var log = new StringBuilder();
            DataReceivedEventHandler onLine = (_, e) => { if (e.Data != null) lock (log) log.AppendLine(e.Data); };
            process.OutputDataReceived += onLine;
            process.ErrorDataReceived += onLine;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new BenchRegistry(process, directory, port);
            if (!await registry.AnswersAsync())
            {
                registry.Dispose();
                lock (log) throw new InvalidOperationException($"docker-registry did not start on {registry.Host}:\n{log}");
            }
            return registry;
        }

        /// <summary>Polls /v2/ until it answers (the registry logs its listening line only at info level).</summary>
        private async Task<bool> AnswersAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync($"http://{Host}/v2/");
                    if (response.StatusCode == HttpStatusCode.OK) return true;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(50);
            }
            return false;
        }

        private static int FreePort()
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
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
