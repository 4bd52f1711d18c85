using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using SociTools.Core.Compression.Deflate;

namespace SociTools.Bench
{
    /// <summary>Times the indexer's parts one at a time on one thread (--profile), to see which bounds the whole.</summary>
    internal static class ComponentProfile
    {
        public static void Run(string layer)
        {
            Time("GZipStream decode", () =>
            {
                using var file = File.OpenRead(layer);
                using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
                var buffer = new byte[256 * 1024];
                long total = 0;
                int read;
                while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0) total += read;
                return total;
            });
            Time("boundary scan alone", () =>
            {
                using var file = File.OpenRead(layer);
                var scanner = new DeflateBoundaryScanner(new DeflateBitInput(new StreamSource(file), 1 << 20, 0), new NullListener());
                return scanner.Scan();
            });
            Time("SHA-256 of the compressed bytes", () =>
            {
                using var file = File.OpenRead(layer);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[512 * 1024];
                int read;
                while ((read = file.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
                hash.GetHashAndReset();
                return file.Length;
            });
        }

        private static void Time(string name, Func<long> work)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = work();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"{name,-36} wall {watch.Elapsed.TotalSeconds,6:F2} s  cpu {cpu.TotalSeconds,6:F2} s  ({result} bytes)");
        }

        private sealed class NullListener : IBoundaryListener
        {
            public void OnBoundary(long compressedOffset, long uncompressedOffset, byte bits)
            {
            }

            public void OnProgress(long uncompressedOffset)
            {
            }
        }
    }
}
