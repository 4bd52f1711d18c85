using System;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Tar;
using Xunit;
using static SociTools.Tests.Tar.TarTestSupport;

namespace SociTools.Tests.Tar
{
    /// <summary>Header fields recorded as soci records them, from archives written header by header.</summary>
    public class TarTocBuilderHeaderTests
    {
        [Fact]
        public void Records_devices_and_fifos_with_their_numbers_and_no_data()
        {
            var tar = new RawTarWriter();
            var charOffset = tar.Header("dev/null", (byte)'3', mode: 0x21b6, devMajor: 1, devMinor: 3);
            var blockOffset = tar.Header("dev/sda", (byte)'4', devMajor: 8, devMinor: 0);
            var fifoOffset = tar.Header("run/pipe", (byte)'6');
            var fileOffset = tar.File("after", Utf8("data after devices"));
            tar.End();
            var bytes = tar.ToArray();

            var toc = BuildToc(bytes);

            var character = Entry(toc, "dev/null");
            Assert.Equal(TarEntryType.CharacterDevice, character.Type);
            Assert.Equal("char", character.Type.ToZtocType());
            Assert.Equal((1L, 3L, charOffset), (character.DevMajor, character.DevMinor, character.DataOffset));
            Assert.Equal(0x21b6, character.Mode);
            Assert.Equal((TarEntryType.BlockDevice, 8L, blockOffset), (Entry(toc, "dev/sda").Type, Entry(toc, "dev/sda").DevMajor, Entry(toc, "dev/sda").DataOffset));
            Assert.Equal((TarEntryType.Fifo, fifoOffset), (Entry(toc, "run/pipe").Type, Entry(toc, "run/pipe").DataOffset));
            Assert.Equal(fileOffset, Entry(toc, "after").DataOffset);
            AssertDataAt(bytes, Entry(toc, "after"), Utf8("data after devices"));
            Assert.Equal(bytes.Length, toc.UncompressedArchiveSize);
        }

        [Fact]
        public void Keeps_non_utf8_names_byte_for_byte()
        {
            var name = new byte[] { (byte)'n', 0xff, 0xfe, 0x80, (byte)'.', (byte)'t' };
            var paxName = new byte[] { (byte)'p', 0xc3, 0x28 };
            var tar = new RawTarWriter();
            tar.Header(name, (byte)'0');
            tar.Pax(new[] { new KeyValuePair<byte[], byte[]>(Utf8("path"), paxName) });
            tar.Header("ignored", (byte)'0');
            tar.End();

            var toc = BuildToc(tar.ToArray());

            Assert.Equal(name, toc.Entries[0].Name.Bytes);
            Assert.Equal(paxName, toc.Entries[1].Name.Bytes);
        }

        [Fact]
        public void Applies_pax_overrides_and_keeps_every_record_sorted_by_key()
        {
            var tar = new RawTarWriter();
            tar.Pax(("uid", "4294967301"), ("gid", "77"), ("uname", "paxuser"), ("gname", ""), ("mtime", "1700000000.123456789"),
                ("linkpath", "target/of/link"), ("atime", "1.5"), ("LIBARCHIVE.creationtime", "5"), ("SCHILY.xattr.security.capability", "\u0001"));
            tar.Header("link", (byte)'2', linkname: "short");
            tar.Pax(("size", "600"), ("mtime", "-0.5"));
            var dataOffset = tar.Header("sized", (byte)'0', size: 0);
            tar.Data(Content(1, 600));
            tar.Header("plain", (byte)'0', mtime: 1700000000);
            tar.End();
            var bytes = tar.ToArray();

            var toc = BuildToc(bytes);

            var link = Entry(toc, "link");
            Assert.Equal("target/of/link", link.Linkname.ToString());
            Assert.Equal(4294967301L, link.Uid);
            Assert.Equal(77, link.Gid);
            Assert.Equal("paxuser", link.Uname.ToString());
            Assert.Equal("group", link.Gname.ToString());
            Assert.Equal("2023-11-14T22:13:20.123456789Z", link.ModTime.ToString());
            Assert.Equal(new[] { "LIBARCHIVE.creationtime", "SCHILY.xattr.security.capability", "atime", "gid", "gname", "linkpath", "mtime", "uid", "uname" },
                link.PaxRecords.Select(r => r.Key.ToString()).ToArray());
            Assert.Equal("security.capability", Assert.Single(link.Xattrs).Key.ToString());
            var sized = Entry(toc, "sized");
            Assert.Equal(dataOffset, sized.DataOffset);
            AssertDataAt(bytes, sized, Content(1, 600));
            Assert.Equal("1969-12-31T23:59:59.5Z", sized.ModTime.ToString());
            var plain = Entry(toc, "plain");
            Assert.Empty(plain.PaxRecords);
            Assert.Equal("2023-11-14T22:13:20Z", plain.ModTime.ToString());
        }

        [Fact]
        public void Gnu_long_name_wins_over_pax_path_and_ustar_prefix_is_joined()
        {
            var tar = new RawTarWriter();
            tar.Pax(("path", "from-pax"));
            tar.GnuLong((byte)'L', Utf8("from-gnu-long-name"));
            tar.GnuLong((byte)'K', Utf8("long-link-target"));
            tar.Header("short", (byte)'1', linkname: "x");
            tar.Header(Utf8("file"), (byte)'0', prefix: Utf8("some/prefix"));
            tar.End();

            var toc = BuildToc(tar.ToArray());

            Assert.Equal("from-gnu-long-name", toc.Entries[0].Name.ToString());
            Assert.Equal("long-link-target", toc.Entries[0].Linkname.ToString());
            Assert.Equal("some/prefix/file", toc.Entries[1].Name.ToString());
        }

        [Fact]
        public void Old_regular_typeflag_becomes_dir_with_trailing_slash_and_reg_otherwise()
        {
            var tar = new RawTarWriter();
            tar.Header("olddir/", 0, size: 1024);
            tar.Header("oldfile", 0, size: 3);
            tar.Data(Utf8("abc"));
            tar.End();
            var bytes = tar.ToArray();

            var toc = BuildToc(bytes);

            Assert.Equal(TarEntryType.Directory, toc.Entries[0].Type);
            Assert.Equal(1024, toc.Entries[0].Size);
            Assert.Equal(TarEntryType.Regular, toc.Entries[1].Type);
            AssertDataAt(bytes, toc.Entries[1], Utf8("abc"));
        }

        [Fact]
        public void Keeps_mode_bits_above_07777_and_reads_base256_numbers()
        {
            var tar = new RawTarWriter();
            tar.Header(Utf8("big-ids"), (byte)'0', mode: 0x81ed, tamper: block =>
            {
                System.Array.Clear(block, 108, 8);
                block[108] = 0x80;
                block[115] = 0x05; // uid 5 in base-256
                for (var i = 116; i < 124; i++) block[i] = 0xff; // gid -1 in base-256
            });
            tar.End();

            var entry = BuildToc(tar.ToArray()).Entries[0];

            Assert.Equal(0x81ed, entry.Mode);
            Assert.Equal(5, entry.Uid);
            Assert.Equal(-1, entry.Gid);
        }

        [Fact]
        public void Link_and_device_entries_keep_their_size_but_carry_no_data()
        {
            var tar = new RawTarWriter();
            tar.Pax(("size", "1000"));
            var linkOffset = tar.Header("hard", (byte)'1', linkname: "target");
            var fileOffset = tar.File("next", Utf8("n"));
            tar.End();

            var toc = BuildToc(tar.ToArray());

            Assert.Equal((1000L, linkOffset), (Entry(toc, "hard").Size, Entry(toc, "hard").DataOffset));
            Assert.Equal(fileOffset, Entry(toc, "next").DataOffset);
        }

        [Fact]
        public void Reads_v7_headers_without_user_names_device_numbers_or_prefix()
        {
            var tar = new RawTarWriter();
            tar.Header(Utf8("v7file"), (byte)'0', devMajor: 9, magic: "\0\0\0\0\0\0", version: "\0\0", prefix: Utf8("ignored"));
            tar.End();

            var entry = BuildToc(tar.ToArray()).Entries[0];

            Assert.Equal("v7file", entry.Name.ToString());
            Assert.True(entry.Uname.IsEmpty);
            Assert.Equal(0, entry.DevMajor);
            Assert.Equal(1000, entry.Uid);
        }

        [Fact]
        public void Records_dot_dot_and_absolute_names_verbatim_as_soci_does()
        {
            var tar = new RawTarWriter();
            tar.File("../../etc/passwd", Utf8("x"));
            tar.File("/absolute/path", Utf8("y"));
            tar.Header("./dir/", (byte)'5');
            tar.End();

            var names = BuildToc(tar.ToArray()).Entries.Select(e => e.Name.ToString()).ToArray();

            Assert.Equal(new[] { "../../etc/passwd", "/absolute/path", "./dir/" }, names);
        }

        [Fact]
        public void Ends_cleanly_at_a_block_boundary_after_one_zero_block_or_inside_padding()
        {
            var tar = new RawTarWriter();
            tar.File("a", Utf8("hello"));
            var full = tar.ToArray();

            Assert.Equal(full.Length, BuildToc(full).UncompressedArchiveSize);
            Assert.Equal(517, BuildToc(full.AsSpan(0, 517).ToArray()).UncompressedArchiveSize);
            tar.Raw(new byte[512]);
            Assert.Equal(full.Length + 512, BuildToc(tar.ToArray()).UncompressedArchiveSize);
        }

        [Fact]
        public void Ignores_bytes_after_the_end_of_archive_marker()
        {
            var tar = new RawTarWriter();
            tar.File("a", Utf8("hello"));
            tar.End();
            var end = tar.Position;
            tar.Raw(Content(9, 5000));

            var toc = BuildToc(tar.ToArray(), 100);

            Assert.Single(toc.Entries);
            Assert.Equal(end, toc.UncompressedArchiveSize);
        }

        [Fact]
        public void An_empty_stream_has_no_entries_and_size_zero()
        {
            var toc = BuildToc(new byte[0]);

            Assert.Empty(toc.Entries);
            Assert.Equal(0, toc.UncompressedArchiveSize);
        }
    }
}
