using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using SociTools.Tests.Fixtures;

namespace SociTools.Bench
{
    /// <summary>
    /// A gzip tar layer holding one file of N GiB of zeros: about 1 MB of gzip per GiB, the most compressible layer
    /// there is, so that the memory a zTOC build needs per uncompressed GiB shows without reading much.
    /// </summary>
    internal static class ZerosLayer
    {
        public static string Ensure(double sizeGib)
        {
            var path = Path.Combine(Path.GetTempPath(), $"socitools-bench-zeros-{sizeGib:0.##}gib.tar.gz");
            if (File.Exists(path)) return path;
            var size = (long)(sizeGib * 1024 * 1024 * 1024);
            using (var file = File.Create(path + ".partial"))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new ZeroStream(size) });
            }
            File.Move(path + ".partial", path);
            return path;
        }
    }
}
