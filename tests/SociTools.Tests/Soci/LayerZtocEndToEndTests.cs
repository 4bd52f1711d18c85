using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc;
using SociTools.Core.Ztoc.Extraction;
using Xunit;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    /// <summary>
    /// Builds real tar.gz layers of every kind soci meets, makes their zTOCs the way New-SociIndex does,
    /// and extracts every regular file back through the zTOC, comparing it with the tar's content.
    /// </summary>
    public class LayerZtocEndToEndTests
    {
        private const long SpanSize = 256 * 1024;

        public static IEnumerable<object[]> Compressors() => new[]
        {
            new object[] { "dotnet-optimal" },
            new object[] { "gzip-9" },
            new object[] { "pigz" },
            new object[] { "multi-member" },
            new object[] { "header-fields" },
        };

        [Theory]
        [MemberData(nameof(Compressors))]
        public async Task Every_file_extracted_through_the_ztoc_is_byte_identical(string compressor)
        {
            var (tar, files) = VariedTar();
            var gzip = Compress(compressor, tar);
            var layer = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(gzip), Size = gzip.Length };

            var built = await LayerZtocFactory.BuildAsync(layer, new MemoryStream(gzip), SpanSize, "test", null, CancellationToken.None);
            var ztoc = ZtocReader.Read(built.Bytes);

            Assert.True(built.SpanCount > 3, $"{built.SpanCount} spans");
            Assert.Equal(tar.Length, ztoc.UncompressedArchiveSize);
            var extractor = new ZtocFileExtractor(ztoc, "the test layer", (offset, length, _) => Task.FromResult<Stream>(new MemoryStream(gzip, (int)offset, (int)length)));
            foreach (var (name, content) in files)
            {
                var file = ZtocFileLookup.FindRegularFile(ztoc, name, "the test layer");
                var output = new MemoryStream();
                var extracted = await extractor.ExtractAsync(file, output, CancellationToken.None);
                Assert.True(content.SequenceEqual(output.ToArray()), $"{name} differs after extraction ({compressor})");
                if (content.Length > 0 && content.Length < SpanSize / 2) Assert.True(extracted.SpansRead <= 2, $"{name} read {extracted.SpansRead} spans");
            }
            var types = ztoc.Files.Select(f => f.Type).Distinct().OrderBy(t => t).ToList();
            Assert.Equal(new[] { "block", "char", "dir", "fifo", "hardlink", "reg", "symlink" }, types);
            var longName = ztoc.Files.Single(f => f.Name.ToString().EndsWith("/deep-file.txt"));
            Assert.True(longName.Name.Length > 100);
            Assert.Contains(longName.Xattrs, x => x.Key.ToString() == "user.origin" && x.Value.ToString() == "socitools");
        }

        private static (byte[] Tar, Dictionary<string, byte[]> Files) VariedTar()
        {
            var random = new Random(42);
            var files = new Dictionary<string, byte[]>();
            var stream = new MemoryStream();
            using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "srv/"));
                for (var i = 0; i < 300; i++)
                {
                    var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(n => $"row {n} of {i}: {random.Next()}\n")));
                    Add(writer, files, $"srv/small/file-{i:D3}.txt", text);
                }
                var big = new byte[5 * SpanSize + 12345];
                random.NextBytes(big);
                Add(writer, files, "srv/big.bin", big);
                Add(writer, files, "srv/empty", Array.Empty<byte>());
                var deepName = "srv/" + string.Join("/", Enumerable.Range(0, 12).Select(n => "directory-level-" + n)) + "/deep-file.txt";
                var deep = new PaxTarEntry(TarEntryType.RegularFile, deepName, new Dictionary<string, string> { ["SCHILY.xattr.user.origin"] = "socitools" })
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes("found me")),
                };
                writer.WriteEntry(deep);
                files[deepName] = Encoding.UTF8.GetBytes("found me");
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "srv/link") { LinkName = "big.bin" });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "srv/hard") { LinkName = "srv/empty" });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.BlockDevice, "dev/sda") { DeviceMajor = 8, DeviceMinor = 0 });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "run/pipe"));
                var repetitive = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("lazy loading ", 200_000)));
                Add(writer, files, "srv/repetitive.txt", repetitive);
            }
            return (stream.ToArray(), files);
        }

        private static void Add(TarWriter writer, Dictionary<string, byte[]> files, string name, byte[] content)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            files[name] = content;
        }

        private static byte[] Compress(string compressor, byte[] tar) => compressor switch
        {
            "dotnet-optimal" => DotnetGzip(tar),
            "gzip-9" => Pipe("gzip", "-9 -c", tar),
            "pigz" => Pipe("pigz", "-c -p 2", tar),
            "multi-member" => DotnetGzip(tar.AsSpan(0, tar.Length / 3).ToArray()).Concat(DotnetGzip(tar.AsSpan(tar.Length / 3).ToArray())).ToArray(),
            "header-fields" => GzipWithHeaderFields(tar),
            _ => throw new ArgumentException(compressor),
        };

        private static byte[] DotnetGzip(byte[] data)
        {
            var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
            return output.ToArray();
        }

        /// <summary>A gzip member whose header carries FEXTRA, FNAME and FCOMMENT, around a raw deflate stream.</summary>
        private static byte[] GzipWithHeaderFields(byte[] data)
        {
            var output = new MemoryStream();
            output.Write(new byte[] { 0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3 });
            var extra = Encoding.ASCII.GetBytes("SOCIextra");
            output.Write(new[] { (byte)extra.Length, (byte)0 });
            output.Write(extra);
            output.Write(Encoding.ASCII.GetBytes("layer.tar\0a comment\0"));
            using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
            output.Write(BitConverter.GetBytes(Crc32(data)));
            output.Write(BitConverter.GetBytes((uint)data.Length));
            return output.ToArray();
        }

        private static uint Crc32(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            return ~crc;
        }

        private static byte[] Pipe(string program, string arguments, byte[] input)
        {
            var info = new ProcessStartInfo(program, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start; install it (CI's .ci/run does).");
            var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            reading.Wait();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.ToArray();
        }
    }
}
