using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SociTools.Bench
{
    /// <summary>
    /// Writes a gzip tar layer of real, varied content: files copied from /usr (binaries, libraries,
    /// text), interleaved with generated logs, incompressible blobs and repetitive files.
    /// </summary>
    internal static class LayerGenerator
    {
        public static void Write(string path, long uncompressedTarget)
        {
            var random = new Random(20261202);
            var sources = RealFiles();
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            var counting = new CountingStream(gzip);
            using (var tar = new TarWriter(counting, TarEntryFormat.Pax, leaveOpen: true))
            {
                var index = 0;
                while (counting.Written < uncompressedTarget)
                {
                    var name = $"layer/{index:d6}";
                    if (index % 10 == 3) AddGenerated(tar, name + ".bin", RandomBytes(random, random.Next(256 * 1024, 4 * 1024 * 1024)));
                    else if (index % 10 == 6) AddGenerated(tar, name + ".log", LogText(random, random.Next(64 * 1024, 2 * 1024 * 1024)));
                    else if (index % 25 == 9) AddGenerated(tar, name + ".img", Repetitive(random, random.Next(1024 * 1024, 8 * 1024 * 1024)));
                    else
                    {
                        var source = sources[index % sources.Count];
                        try
                        {
                            tar.WriteEntry(source, name + "-" + Path.GetFileName(source));
                        }
                        catch (IOException)
                        {
                        }
                        catch (UnauthorizedAccessException)
                        {
                        }
                    }
                    index++;
                }
            }
        }

        private static List<string> RealFiles()
        {
            var files = new List<string>();
            foreach (var root in new[] { "/usr/bin", "/usr/lib", "/usr/share" })
            {
                if (!Directory.Exists(root)) continue;
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
                foreach (var file in Directory.EnumerateFiles(root, "*", options))
                {
                    var info = new FileInfo(file);
                    if (info.Length > 0 && info.Length < 64 * 1024 * 1024) files.Add(file);
                }
            }
            if (files.Count == 0) throw new InvalidOperationException("No files under /usr to build a layer from.");
            var random = new Random(7);
            for (var i = files.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (files[i], files[j]) = (files[j], files[i]);
            }
            return files;
        }

        private static void AddGenerated(TarWriter tar, string name, byte[] content)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
            tar.WriteEntry(entry);
        }

        private static byte[] RandomBytes(Random random, int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }

        private static byte[] LogText(Random random, int size)
        {
            var levels = new[] { "INFO", "WARN", "DEBUG", "ERROR" };
            var builder = new StringBuilder(size + 200);
            var time = new DateTime(2026, 1, 1);
            while (builder.Length < size)
            {
                time = time.AddMilliseconds(random.Next(1, 5000));
                builder.Append(time.ToString("O")).Append(' ').Append(levels[random.Next(levels.Length)])
                    .Append(" request id=").Append(random.Next()).Append(" path=/api/v").Append(random.Next(3))
                    .Append("/items/").Append(random.Next(100000)).Append(" took ").Append(random.Next(2000)).Append("ms\n");
            }
            return Encoding.ASCII.GetBytes(builder.ToString());
        }

        private static byte[] Repetitive(Random random, int size)
        {
            var pattern = RandomBytes(random, random.Next(16, 4096));
            var bytes = new byte[size];
            for (var i = 0; i < size; i++) bytes[i] = pattern[i % pattern.Length];
            for (var i = 0; i < size / 65536; i++) bytes[random.Next(size)] = (byte)random.Next(256);
            return bytes;
        }

        private sealed class CountingStream : Stream
        {
            private readonly Stream _inner;

            public CountingStream(Stream inner) => _inner = inner;

            public long Written { get; private set; }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => Written;

            public override long Position { get => Written; set => throw new NotSupportedException(); }

            public override void Flush() => _inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                _inner.Write(buffer, offset, count);
                Written += count;
            }

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                _inner.Write(buffer);
                Written += buffer.Length;
            }
        }
    }
}
