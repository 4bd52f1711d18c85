using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SociTools.Tests.Compression
{
    /// <summary>Builds real gzip data for the compression tests: varied content, .NET, gzip and pigz encoders, hand-made headers.</summary>
    internal static class GzipFixtures
    {
        /// <summary>Text, repetitive runs, incompressible bytes and structured records, mixed like a real layer.</summary>
        public static byte[] VariedContent(int size, int seed)
        {
            var random = new Random(seed);
            var output = new MemoryStream(size + 4096);
            var words = new[] { "layer", "snapshot", "index", "span", "checkpoint", "deflate", "registry", "manifest", "the", "of", "and", "\n" };
            while (output.Length < size)
            {
                var kind = random.Next(4);
                var length = random.Next(1000, 60000);
                if (kind == 0)
                {
                    var text = new StringBuilder();
                    while (text.Length < length) text.Append(words[random.Next(words.Length)]).Append(' ');
                    var bytes = Encoding.ASCII.GetBytes(text.ToString());
                    output.Write(bytes, 0, bytes.Length);
                }
                else if (kind == 1)
                {
                    var bytes = new byte[length];
                    random.NextBytes(bytes);
                    output.Write(bytes, 0, bytes.Length);
                }
                else if (kind == 2)
                {
                    var value = (byte)random.Next(256);
                    for (var i = 0; i < length; i++) output.WriteByte(value);
                }
                else
                {
                    for (var i = 0; i < length / 16; i++)
                    {
                        var record = Encoding.ASCII.GetBytes($"{i:x8}:{random.Next(100):d3}|\n");
                        output.Write(record, 0, record.Length);
                    }
                }
            }
            return output.ToArray().AsSpan(0, size).ToArray();
        }

        public static byte[] DotNetGzip(byte[] data, CompressionLevel level)
        {
            var output = new MemoryStream();
            using (var gzip = new GZipStream(output, level, leaveOpen: true)) gzip.Write(data, 0, data.Length);
            return output.ToArray();
        }

        /// <summary>Gzip with a flush (block end) after every piece, so block boundaries fall exactly there.</summary>
        public static byte[] DotNetGzipFlushedEvery(byte[] data, int every, CompressionLevel level)
        {
            var output = new MemoryStream();
            using (var gzip = new GZipStream(output, level, leaveOpen: true))
            {
                for (var offset = 0; offset < data.Length; offset += every)
                {
                    gzip.Write(data, offset, Math.Min(every, data.Length - offset));
                    gzip.Flush();
                }
            }
            return output.ToArray();
        }

        /// <summary>Runs an installed compressor (gzip, pigz) over the data; fails the test when the tool is missing.</summary>
        public static byte[] External(string tool, string arguments, byte[] data)
        {
            var path = Path.Combine(Path.GetTempPath(), "socitools-gz-" + Guid.NewGuid().ToString("n"));
            File.WriteAllBytes(path, data);
            try
            {
                var start = new ProcessStartInfo(tool, arguments + " -c " + path)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
                var output = new MemoryStream();
                var stderr = process.StandardError.ReadToEndAsync();
                process.StandardOutput.BaseStream.CopyTo(output);
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {stderr.Result}");
                return output.ToArray();
            }
            finally
            {
                File.Delete(path);
            }
        }

        /// <summary>A gzip member with the optional header fields present, around raw deflate of the data.</summary>
        public static byte[] GzipWithHeaderFields(byte[] data, byte[] extra, string name, string comment)
        {
            var header = new MemoryStream();
            header.Write(new byte[] { 0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3 });
            header.WriteByte((byte)extra.Length);
            header.WriteByte((byte)(extra.Length >> 8));
            header.Write(extra);
            header.Write(Encoding.ASCII.GetBytes(name + "\0"));
            header.Write(Encoding.ASCII.GetBytes(comment + "\0"));
            var headerCrc = Crc32(header.ToArray()) & 0xFFFF;
            header.WriteByte((byte)headerCrc);
            header.WriteByte((byte)(headerCrc >> 8));

            var deflated = new MemoryStream();
            using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
            header.Write(deflated.ToArray());
            header.Write(Trailer(Crc32(data), (uint)data.Length));
            return header.ToArray();
        }

        public static byte[] Trailer(uint crc, uint size) => new[]
        {
            (byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24),
            (byte)size, (byte)(size >> 8), (byte)(size >> 16), (byte)(size >> 24),
        };

        public static uint Crc32(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            return ~crc;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var output = new MemoryStream();
            foreach (var part in parts) output.Write(part);
            return output.ToArray();
        }
    }

    /// <summary>Collects everything the indexer writes to its sink.</summary>
    internal sealed class CollectingSink : SociTools.Core.Compression.IUncompressedSink
    {
        private readonly MemoryStream _data = new MemoryStream();

        public void Write(ReadOnlySpan<byte> data) => _data.Write(data);

        public byte[] ToArray() => _data.ToArray();
    }
}
