using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Tests.Fixtures;
using Xunit;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    [CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
    public sealed class AllocationMeasurement
    {
    }

    /// <summary>What a zTOC build allocates, measured alone (no other test runs meanwhile) on the most compressible layer there is.</summary>
    [Collection(nameof(AllocationMeasurement))]
    public class LayerZtocMemoryTests
    {
        private const long Span = 4 << 20;
        private const long Uncompressed = 2L << 30;

        [Fact]
        public async Task A_ztoc_build_allocates_the_windows_and_the_ztoc_once_plus_a_constant()
        {
            var gzip = ZerosLayer(Uncompressed);
            var layer = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(gzip), Size = gzip.Length };
            using var content = new MemoryStream(gzip, writable: false);

            var before = GC.GetTotalAllocatedBytes(precise: true);
            var ztoc = await LayerZtocFactory.BuildAsync(layer, content, Span, SociIndexFormat.DefaultBuildToolIdentifier, null, CancellationToken.None);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            var windows = (long)ztoc.SpanCount * Checkpoint.WindowSize;
            Assert.True(ztoc.Size > windows, $"zTOC {ztoc.Size} bytes, windows {windows}");
            // Before: the windows, a zinfo copy of them, the FlatBuffers buffer and its final copy (4x); now the windows and the zTOC.
            const long Constant = 16L << 20;
            Assert.True(allocated < windows + ztoc.Size + Constant,
                $"allocated {allocated >> 20} MiB for {windows >> 20} MiB of windows and a {ztoc.Size >> 20} MiB zTOC");
        }

        /// <summary>A gzip tar holding one file of <paramref name="size"/> zero bytes.</summary>
        private static byte[] ZerosLayer(long size)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new ZeroStream(size) };
                tar.WriteEntry(entry);
            }
            return output.ToArray();
        }
    }
}
