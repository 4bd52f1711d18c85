using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SociTools.Tests.Fixtures
{
    /// <summary>A real tar.gz layer built in memory, with the contents of its files kept for comparison.</summary>
    public sealed class TestLayer
    {
        private TestLayer(byte[] tar, byte[] gzip, IReadOnlyDictionary<string, byte[]> files)
        {
            Tar = tar;
            Gzip = gzip;
            Files = files;
        }

        public byte[] Tar { get; }
        public byte[] Gzip { get; }
        public IReadOnlyDictionary<string, byte[]> Files { get; }

        /// <summary>Text files that compress well, plus one random file of <paramref name="bigFileSize"/> bytes that spans several spans.</summary>
        public static TestLayer Varied(int seed, int smallFiles = 40, int bigFileSize = 3 << 20, string prefix = "app")
        {
            var random = new Random(seed);
            var files = new Dictionary<string, byte[]>();
            for (var i = 0; i < smallFiles; i++)
            {
                var text = new StringBuilder();
                for (var line = 0; line < 200; line++) text.Append($"line {random.Next()} of file {i}: lazily loaded\n");
                files[$"{prefix}/docs/note-{i}.txt"] = Encoding.UTF8.GetBytes(text.ToString());
            }
            var big = new byte[bigFileSize];
            random.NextBytes(big);
            files[$"{prefix}/data/model.bin"] = big;
            files[$"{prefix}/empty"] = Array.Empty<byte>();
            return FromFiles(files);
        }

        public static TestLayer FromFiles(IReadOnlyDictionary<string, byte[]> files)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var (name, content) in files)
                {
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
                    writer.WriteEntry(entry);
                }
            }
            var gzip = new MemoryStream();
            using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
            {
                compressor.Write(tar.ToArray());
            }
            return new TestLayer(tar.ToArray(), gzip.ToArray(), files);
        }
    }
}
