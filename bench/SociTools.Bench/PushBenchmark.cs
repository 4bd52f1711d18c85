using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Core.Soci;

using SociTools.Tests.Registry;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Bench
{
    /// <summary>
    /// --push: times `skopeo copy` of an image layout to a loopback registry against the SociTools push of the
    /// same layout with its SOCI index built on the way. Each run gets a fresh registry with empty storage, so
    /// nothing is skipped; the two are interleaved so load changes hit both alike.
    /// </summary>
    internal static class PushBenchmark
    {
        private const string Skopeo = "skopeo";

        public static async Task RunAsync(string layer, int repetitions, int chunkSize)
        {
            Console.WriteLine($"Making an OCI layout around {layer} ...");
            using var layout = BenchImageLayout.Create(layer);
            Console.WriteLine($"Layer {new FileInfo(layer).Length / 1048576.0:F1} MiB compressed; {Environment.ProcessorCount} CPUs; " +
                              $"upload chunk {chunkSize / 1048576} MiB; best of {repetitions}; load average {LoadAverage()}.");
            var skopeo = new Measurement("skopeo copy (reference)", "peak RSS of skopeo");
            var socitools = new Measurement("SociTools push, index built", "peak above baseline");
            var uploadOnly = new Measurement("SociTools upload alone, no index", "peak above baseline");
            for (var run = 0; run < repetitions; run++)
            {
                using (var registry = RegistryServer.Start())
                {
                    skopeo.Add(await TimeSkopeoAsync(layout.Directory, registry.Host));
                }
                using (var registry = RegistryServer.Start())
                {
                    socitools.Add(await TimeSociToolsAsync(layout.Directory, registry.Host, chunkSize, report: run == 0));
                }
                using (var registry = RegistryServer.Start())
                {
                    uploadOnly.Add(await TimeUploadOnlyAsync(layout.Directory, registry.Host, chunkSize));
                }
                Console.WriteLine($"  run {run + 1}: skopeo {skopeo.Last:F2} s, SociTools {socitools.Last:F2} s, upload only {uploadOnly.Last:F2} s");
            }
            Console.WriteLine($"{"operation",-32} {"wall s",8} {"ratio",6} {"peak MiB",9}  memory measured as");
            skopeo.Print(skopeo.Best);
            socitools.Print(skopeo.Best);
            uploadOnly.Print(skopeo.Best);
            Console.WriteLine($"Load average after: {LoadAverage()}.");
        }

        private static async Task<(double Seconds, long PeakBytes)> TimeSkopeoAsync(string layout, string host)
        {
            var info = new ProcessStartInfo(Skopeo) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:{BenchImageLayout.Tag}", $"docker://{host}/skopeo:1" })
            {
                info.ArgumentList.Add(argument);
            }
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("skopeo did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            long peak = 0;
            while (!process.WaitForExit(20)) peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.WhenAll(output, error);
            var seconds = watch.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new InvalidOperationException($"skopeo copy failed ({process.ExitCode}): {error.Result}");
            return (seconds, peak);
        }

        private static async Task<(double Seconds, long PeakBytes)> TimeSociToolsAsync(string directory, string host, int chunkSize, bool report)
        {
            using var sampler = new PeakMemorySampler();
            var ct = CancellationToken.None;
            var watch = Stopwatch.StartNew();
            var layout = OciLayout.Open(directory);
            var image = await layout.ResolveImageAsync(BenchImageLayout.Tag, ct);
            var platforms = await ImagePlatforms.SelectAsync(layout, image, PlatformSelection.Default, ct);
            using var client = new RegistryClient(new RegistryClientOptions { ChunkSize = chunkSize });
            var repository = new RegistryRepository(client, Reference.Parse($"{host}/socitools"));
            double indexed = 0, layerSent = 0;
            var pusher = new SociImagePusher(new SociIndexBuildOptions())
            {
                LayerIndexed = new At<SociLayerResult>(_ => indexed = watch.Elapsed.TotalSeconds),
                Copied = new At<CopiedContent>(c => { if (c.Descriptor.Size > 64 * 1024 * 1024) layerSent = watch.Elapsed.TotalSeconds; }),
            };
            var result = await pusher.PushAsync(layout, image, platforms, repository, "1", ct);
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"    SociTools: layer indexed at {indexed:F2} s, layer uploaded at {layerSent:F2} s, done at {seconds:F2} s");
            if (report)
            {
                Console.WriteLine($"  SociTools pushed {result.Image.Digest} ({result.Version}, {result.Built.Count} index built): " +
                                  $"{result.Sent} blobs, {result.BytesSent / 1048576.0:F1} MiB sent, {result.AlreadyPresent} already present.");
            }
            return (seconds, sampler.PeakAboveBaseline);
        }

        /// <summary>The same image through the graph copier alone: the floor a push with an index can approach.</summary>
        private static async Task<(double Seconds, long PeakBytes)> TimeUploadOnlyAsync(string directory, string host, int chunkSize)
        {
            using var sampler = new PeakMemorySampler();
            var ct = CancellationToken.None;
            var watch = Stopwatch.StartNew();
            var layout = OciLayout.Open(directory);
            var image = await layout.ResolveImageAsync(BenchImageLayout.Tag, ct);
            using var client = new RegistryClient(new RegistryClientOptions { ChunkSize = chunkSize });
            var repository = new RegistryRepository(client, Reference.Parse($"{host}/upload"));
            await new ImageGraphCopier(new RegistryUploadReader(layout, layout), repository, null, null).CopyAsync(image, ct);
            await repository.TagAsync(image, "1", ct);
            return (watch.Elapsed.TotalSeconds, sampler.PeakAboveBaseline);
        }

        /// <summary>Reports on the reporting thread, so the times are when things happened.</summary>
        private sealed class At<T> : IProgress<T>
        {
            private readonly Action<T> _action;

            public At(Action<T> action) => _action = action;

            public void Report(T value) => _action(value);
        }

        /// <summary>VmHWM of a running process: its peak resident set so far.</summary>
        private static long HighWaterMark(int pid)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1]) * 1024;
                }
            }
            catch (IOException)
            {
                // Exited between the wait and the read.
            }
            return 0;
        }

        private static string LoadAverage()
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} {fields[1]} {fields[2]}";
        }

        private sealed class Measurement
        {
            private readonly List<(double Seconds, long PeakBytes)> _runs = new List<(double, long)>();
            private readonly string _name;
            private readonly string _memoryKind;

            public Measurement(string name, string memoryKind)
            {
                _name = name;
                _memoryKind = memoryKind;
            }

            public double Last => _runs[^1].Seconds;

            public double Best => _runs.Count == 0 ? double.NaN : Min();

            public void Add((double Seconds, long PeakBytes) run) => _runs.Add(run);

            public void Print(double reference)
            {
                long peak = 0;
                foreach (var run in _runs) peak = Math.Max(peak, run.PeakBytes);
                Console.WriteLine($"{_name,-32} {Best,8:F2} {Best / reference,6:F2} {peak / 1048576.0,9:F1}  {_memoryKind}");
            }

            private double Min()
            {
                var best = double.MaxValue;
                foreach (var run in _runs) best = Math.Min(best, run.Seconds);
                return best;
            }
        }
    }
}
