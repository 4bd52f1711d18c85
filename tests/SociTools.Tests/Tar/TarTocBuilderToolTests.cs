using System.Collections.Generic;
using FormatsTar = System.Formats.Tar;
using System.IO;
using System.Linq;
using SociTools.Core.Tar;
using Xunit;
using static SociTools.Tests.Tar.TarTestSupport;

namespace SociTools.Tests.Tar
{
    /// <summary>TOCs of archives written by GNU tar and System.Formats.Tar.</summary>
    public class TarTocBuilderToolTests
    {
        [Theory]
        [InlineData("gnu")]
        [InlineData("pax")]
        [InlineData("ustar")]
        public void Records_every_entry_of_a_gnu_tar_archive_at_the_offset_of_its_data(string format)
        {
            using var root = TempDirectory();
            var contents = new Dictionary<string, byte[]>();
            Directory.CreateDirectory(Path.Combine(root, "dir/sub"));
            for (var i = 0; i < 150; i++)
            {
                var name = $"dir/small-{i:D3}.txt";
                contents[name] = Content(i, i * 37 % 1500);
                File.WriteAllBytes(Path.Combine(root, name), contents[name]);
            }
            contents["dir/sub/big.bin"] = Content(999, 3 * 1024 * 1024 + 123);
            contents["dir/empty"] = new byte[0];
            foreach (var file in contents) File.WriteAllBytes(Path.Combine(root, file.Key), file.Value);
            File.CreateSymbolicLink(Path.Combine(root, "dir/link"), "sub/big.bin");
            Run(root, "ln", "dir/sub/big.bin", "dir/zz-hard");

            var tar = GnuTar(root, "--format=" + format, "--sort=name", "dir");
            var toc = BuildToc(tar, 65536);

            Assert.Equal(contents.Count + 4, toc.Entries.Count);
            foreach (var file in contents) AssertDataAt(tar, Entry(toc, file.Key), file.Value);
            Assert.Equal(TarEntryType.Directory, Entry(toc, "dir/").Type);
            Assert.Equal(TarEntryType.Directory, Entry(toc, "dir/sub/").Type);
            var link = Entry(toc, "dir/link");
            Assert.Equal(TarEntryType.SymbolicLink, link.Type);
            Assert.Equal("sub/big.bin", link.Linkname.ToString());
            var hard = Entry(toc, "dir/zz-hard");
            Assert.Equal(TarEntryType.HardLink, hard.Type);
            Assert.Equal(0, hard.Size);
            Assert.Equal("dir/sub/big.bin", hard.Linkname.ToString());
            // GNU tar pads to 10240-byte records; soci's size stops after the two zero blocks.
            Assert.Equal(EndOfArchive(tar, toc), toc.UncompressedArchiveSize);
            Assert.True(toc.UncompressedArchiveSize < tar.Length || tar.Length % 10240 == toc.UncompressedArchiveSize % 10240);
        }

        [Fact]
        public void Gives_the_same_toc_whatever_the_chunk_sizes()
        {
            using var root = TempDirectory();
            for (var i = 0; i < 20; i++) File.WriteAllBytes(Path.Combine(root, "f" + i), Content(i, i * 301));
            var tar = GnuTar(root, "--format=pax", "--sort=name", ".");
            var expected = Describe(BuildToc(tar, tar.Length));

            foreach (var chunk in new[] { 1, 7, 511, 512, 513, 4093 })
            {
                Assert.Equal(expected, Describe(BuildToc(tar, chunk)));
            }
        }

        [Fact]
        public void Reads_gnu_long_names_and_long_link_targets()
        {
            using var root = TempDirectory();
            var longDir = string.Join("/", Enumerable.Repeat("directory-with-a-long-name", 8));
            Directory.CreateDirectory(Path.Combine(root, longDir));
            var longFile = longDir + "/file-" + new string('x', 120);
            File.WriteAllBytes(Path.Combine(root, longFile), Content(5, 777));
            File.CreateSymbolicLink(Path.Combine(root, "link"), longFile);

            var tar = GnuTar(root, "--format=gnu", "--sort=name", ".");
            var toc = BuildToc(tar);

            AssertDataAt(tar, Entry(toc, "./" + longFile), Content(5, 777));
            Assert.Equal(longFile, Entry(toc, "./link").Linkname.ToString());
            Assert.Empty(Entry(toc, "./" + longFile).PaxRecords);
        }

        [Fact]
        public void Keeps_xattrs_gnu_tar_stores_as_schily_pax_records()
        {
            using var root = TempDirectory();
            var path = Path.Combine(root, "with-xattr");
            File.WriteAllBytes(path, Content(1, 10));
            SetUserXattr(path, "user.socitools", new byte[] { 1, 2, 0, 255 });

            var tar = GnuTar(root, "--format=pax", "--xattrs", "--xattrs-include=user.*", "with-xattr");
            var entry = Entry(BuildToc(tar), "with-xattr");

            var xattr = Assert.Single(entry.Xattrs);
            Assert.Equal("user.socitools", xattr.Key.ToString());
            Assert.Equal(new byte[] { 1, 2, 0, 255 }, xattr.Value.Bytes);
            var keys = entry.PaxRecords.Select(r => r.Key.ToString()).ToList();
            Assert.Contains("SCHILY.xattr.user.socitools", keys);
            Assert.Equal(keys.OrderBy(k => k, System.StringComparer.Ordinal), keys);
            AssertDataAt(tar, entry, Content(1, 10));
        }

        [Fact]
        public void Reads_pax_long_names_written_by_system_formats_tar_and_sizes_to_the_end_of_the_archive()
        {
            var stream = new MemoryStream();
            var longName = "pax/" + new string('n', 250) + "/file.txt";
            using (var writer = new FormatsTar.TarWriter(stream, FormatsTar.TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(new FormatsTar.PaxTarEntry(FormatsTar.TarEntryType.RegularFile, longName) { DataStream = new MemoryStream(Content(3, 5000)) });
                writer.WriteEntry(new FormatsTar.PaxTarEntry(FormatsTar.TarEntryType.Directory, "pax/"));
                writer.WriteEntry(new FormatsTar.PaxTarEntry(FormatsTar.TarEntryType.RegularFile, "pax/empty"));
            }
            var tar = stream.ToArray();

            var toc = BuildToc(tar);

            Assert.Equal(3, toc.Entries.Count);
            var file = Entry(toc, longName);
            AssertDataAt(tar, file, Content(3, 5000));
            Assert.Contains(file.PaxRecords, r => r.Key.ToString() == "path" && r.Value.ToString() == longName);
            Assert.Equal(0, Entry(toc, "pax/empty").Size);
            Assert.Equal(tar.Length, toc.UncompressedArchiveSize);
        }

        private static List<string> Describe(TarToc toc)
        {
            var lines = toc.Entries.Select(e => $"{e} {e.Mode} {e.ModTime} {string.Join(";", e.PaxRecords)}").ToList();
            lines.Add(toc.UncompressedArchiveSize.ToString());
            return lines;
        }
    }
}
