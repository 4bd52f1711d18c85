using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;

namespace SociTools.Bench
{
    /// <summary>A named thing to time over the layer file; the first is the baseline the others are divided by.</summary>
    internal sealed record MeasuredOperation(string Name, Func<string, CancellationToken, Task> Run);

    internal static class Program
    {
        private const long SpanSize = 4 * 1024 * 1024;
        private const int Repetitions = 5;

        private static async Task<int> Main(string[] args)
        {
            double sizeGib = 1.0;
            string? layer = null;
            var profile = false;
            var push = false;
            var memory = false;
            double? zerosGib = null;
            var repetitions = 3;
            var chunkMiB = 16;
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--size-gib" && i + 1 < args.Length) sizeGib = double.Parse(args[++i], CultureInfo.InvariantCulture);
                else if (args[i] == "--layer" && i + 1 < args.Length) layer = args[++i];
                else if (args[i] == "--profile") profile = true;
                else if (args[i] == "--push") push = true;
                else if (args[i] == "--memory") memory = true;
                else if (args[i] == "--zeros-gib" && i + 1 < args.Length) zerosGib = double.Parse(args[++i], CultureInfo.InvariantCulture);
                else if (args[i] == "--runs" && i + 1 < args.Length) repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
                else if (args[i] == "--chunk-mib" && i + 1 < args.Length) chunkMiB = int.Parse(args[++i], CultureInfo.InvariantCulture);
                else
                {
                    Console.Error.WriteLine("usage: SociTools.Bench [--size-gib N | --zeros-gib N | --layer file.tar.gz] [--profile | --memory | --push [--runs N] [--chunk-mib N]]");
                    return 2;
                }
            }

            if (zerosGib != null)
            {
                Console.WriteLine($"Using a layer of {zerosGib} GiB of zeros (written once) ...");
                layer = ZerosLayer.Ensure(zerosGib.Value);
            }
            if (layer == null)
            {
                layer = Path.Combine(Path.GetTempPath(), $"socitools-bench-{sizeGib.ToString(CultureInfo.InvariantCulture)}gib.tar.gz");
                if (!File.Exists(layer))
                {
                    Console.WriteLine($"Writing a {sizeGib} GiB layer to {layer} ...");
                    var generation = Stopwatch.StartNew();
                    LayerGenerator.Write(layer + ".partial", (long)(sizeGib * 1024 * 1024 * 1024));
                    File.Move(layer + ".partial", layer);
                    Console.WriteLine($"  done in {generation.Elapsed.TotalSeconds:F1} s");
                }
            }

            if (push)
            {
                await PushBenchmark.RunAsync(layer, repetitions, chunkMiB * 1024 * 1024);
                return 0;
            }

            if (memory)
            {
                await MemoryBenchmark.RunAsync(layer, SpanSize);
                return 0;
            }

            if (profile)
            {
                ComponentProfile.Run(layer);
                return 0;
            }

            var operations = new List<MeasuredOperation>
            {
                new MeasuredOperation("GZipStream decode (baseline)", DecodeWithGZipStream),
                new MeasuredOperation("Checkpoint index (GzipCheckpointIndexer)", IndexCheckpoints),
                new MeasuredOperation("Full zTOC build (checkpoints + tar TOC)", BuildZtoc),
            };

            Console.WriteLine($"Layer {layer}: {new FileInfo(layer).Length / 1048576.0:F1} MiB compressed; span {SpanSize / 1048576} MiB; " +
                              $"{Environment.ProcessorCount} CPUs; best of {Repetitions}.");
            Console.WriteLine($"{"operation",-44} {"wall s",8} {"ratio",6} {"cpu s",7} {"peak MiB above baseline",24}");
            double? baseline = null;
            foreach (var operation in operations)
            {
                var best = double.MaxValue;
                var bestCpu = 0.0;
                long peak = 0;
                var process = Process.GetCurrentProcess();
                for (var run = 0; run < Repetitions; run++)
                {
                    using var sampler = new PeakMemorySampler();
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    await operation.Run(layer, CancellationToken.None);
                    watch.Stop();
                    process.Refresh();
                    if (watch.Elapsed.TotalSeconds < best)
                    {
                        best = watch.Elapsed.TotalSeconds;
                        bestCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                    }
                    peak = Math.Max(peak, sampler.PeakAboveBaseline);
                }
                baseline ??= best;
                Console.WriteLine($"{operation.Name,-44} {best,8:F2} {best / baseline.Value,6:F2} {bestCpu,7:F2} {peak / 1048576.0,24:F1}");
            }
            return 0;
        }

        private static async Task DecodeWithGZipStream(string layer, CancellationToken ct)
        {
            using var file = new FileStream(layer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var buffer = new byte[256 * 1024];
            long total = 0;
            int read;
            while ((read = await gzip.ReadAsync(buffer, ct)) > 0) total += read;
        }

        private static async Task IndexCheckpoints(string layer, CancellationToken ct)
        {
            using var file = new FileStream(layer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            await GzipCheckpointIndexer.IndexAsync(file, SpanSize, null, null, ct);
        }

        private static async Task BuildZtoc(string layer, CancellationToken ct)
        {
            using var file = new FileStream(layer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = default, Size = file.Length };
            await LayerZtocFactory.BuildAsync(descriptor, file, SpanSize, SociIndexFormat.DefaultBuildToolIdentifier, null, ct);
        }
    }
}
