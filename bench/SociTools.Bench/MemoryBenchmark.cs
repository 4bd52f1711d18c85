using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Soci;

namespace SociTools.Bench
{
    /// <summary>
    /// Where a zTOC build's memory goes: the peak working set above a settled baseline for the checkpoint index alone
    /// (which holds one 32 KiB window per checkpoint) and for the whole build, next to the size of the zTOC it returns.
    /// </summary>
    internal static class MemoryBenchmark
    {
        public static async Task RunAsync(string layer, long spanSize)
        {
            Console.WriteLine($"Layer {layer}: {new FileInfo(layer).Length / 1048576.0:F1} MiB compressed; span {spanSize / 1048576} MiB.");
            long checkpoints = 0;
            var indexPeak = await PeakAsync(async () =>
            {
                using var file = Open(layer);
                var index = await GzipCheckpointIndexer.IndexAsync(file, spanSize, null, null, CancellationToken.None);
                checkpoints = index.Checkpoints.Count;
                Console.WriteLine($"  {index.UncompressedSize / 1073741824.0:F2} GiB uncompressed, {checkpoints} checkpoints " +
                                  $"({checkpoints * Checkpoint.WindowSize / 1048576.0:F1} MiB of windows)");
            });
            long ztocSize = 0;
            var buildPeak = await PeakAsync(async () =>
            {
                using var file = Open(layer);
                var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = default, Size = file.Length };
                var ztoc = await LayerZtocFactory.BuildAsync(descriptor, file, spanSize, SociIndexFormat.DefaultBuildToolIdentifier, null, CancellationToken.None);
                ztocSize = ztoc.Size;
            });
            Console.WriteLine($"{"operation",-40} {"peak MiB above baseline",24} {"zTOC MiB",9} {"peak / zTOC",12}");
            Console.WriteLine($"{"checkpoint index alone",-40} {indexPeak / 1048576.0,24:F1}");
            Console.WriteLine($"{"full zTOC build",-40} {buildPeak / 1048576.0,24:F1} {ztocSize / 1048576.0,9:F1} {(double)buildPeak / ztocSize,12:F2}");
        }

        private static FileStream Open(string layer) =>
            new FileStream(layer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

        private static async Task<long> PeakAsync(Func<Task> operation)
        {
            using var sampler = new PeakMemorySampler();
            await operation();
            return sampler.PeakAboveBaseline;
        }
    }
}
