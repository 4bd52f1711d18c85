using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Building;

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
            // First, while the process's heap has held nothing bigger: later runs would reuse memory the first one took.
            var (buildPeak, ztocSize, spans) = MeasureBuild(layer, spanSize);
            Console.WriteLine($"{"operation",-40} {"peak MiB above baseline",24} {"zTOC MiB",9} {"windows MiB",12}");
            Console.WriteLine($"{"full zTOC build",-40} {buildPeak / 1048576.0,24:F1} {ztocSize / 1048576.0,9:F1} {(long)spans * Checkpoint.WindowSize / 1048576.0,12:F1}");
            Console.WriteLine("Steps (managed heap in use after each, after a full GC; and what each allocated):");
            await PhasesAsync(layer, spanSize);
        }

        /// <summary>The build's steps one at a time, with the managed heap still in use after each (a full GC first) and what each allocated.</summary>
        private static async Task PhasesAsync(string layer, long spanSize)
        {
            var baseline = Live();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            void Report(string step)
            {
                var now = GC.GetTotalAllocatedBytes(precise: true);
                Console.WriteLine($"  {step,-52} live {(Live() - baseline) / 1048576.0,8:F1} MiB   allocated {(now - allocated) / 1048576.0,8:F1} MiB");
                allocated = now;
            }
            using var file = Open(layer);
            var toc = new SociTools.Core.Tar.TarTocBuilder();
            var gzip = await GzipCheckpointIndexer.IndexAsync(file, spanSize, toc, null, CancellationToken.None);
            Report("checkpoints (with windows) and tar TOC");
            var tar = toc.Complete();
            var blob = SociTools.Core.Ztoc.ZtocAssembler.AssembleGzip(tar.Entries, gzip.CompressedSize, tar.UncompressedArchiveSize,
                new GzipZinfo(gzip.Checkpoints, spanSize), gzip.SpanDigests, SociIndexFormat.DefaultBuildToolIdentifier);
            Report($"+ zTOC ({blob.Size / 1048576.0:F1} MiB)");
            GC.KeepAlive(gzip);
            GC.KeepAlive(blob);
        }

        private static long Live()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        /// <summary>The whole build as New-SociIndex runs it; waited for here so that no caller's task keeps the zTOC referenced.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static (long Peak, long ZtocSize, int Spans) MeasureBuild(string layer, long spanSize) =>
            MeasureBuildAsync(layer, spanSize).GetAwaiter().GetResult();

        private static async Task<(long Peak, long ZtocSize, int Spans)> MeasureBuildAsync(string layer, long spanSize)
        {
            using var sampler = new PeakMemorySampler();
            using var file = Open(layer);
            var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = default, Size = file.Length };
            var ztoc = await LayerZtocFactory.BuildAsync(descriptor, file, spanSize, SociIndexFormat.DefaultBuildToolIdentifier, null, CancellationToken.None);
            return (sampler.PeakAboveBaseline, ztoc.Size, ztoc.SpanCount);
        }

        private static FileStream Open(string layer) =>
            new FileStream(layer, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    }
}
