using System;
using System.Text;
using SociTools.Core;
using SociTools.Core.Tar;
using Xunit;
using static SociTools.Tests.Tar.TarTestSupport;

namespace SociTools.Tests.Tar
{
    /// <summary>Broken and hostile archives end in a clear <see cref="SociFormatException"/>, never a crash or a hang.</summary>
    public class TarTocBuilderHostileTests
    {
        [Fact]
        public void Rejects_a_header_whose_checksum_does_not_match()
        {
            var tar = new RawTarWriter();
            tar.Header(Utf8("file"), (byte)'0', tamper: block => block[0] = (byte)'g', fixChecksum: false);
            var bytes = tar.ToArray();
            bytes[0] = (byte)'X';

            var error = Assert.Throws<SociFormatException>(() => BuildToc(bytes));
            Assert.Contains("checksum", error.Message);
            Assert.Contains("offset 0", error.Message);
        }

        [Fact]
        public void Rejects_random_garbage_as_not_a_tar_archive()
        {
            var error = Assert.Throws<SociFormatException>(() => BuildToc(Content(42, 10000)));
            Assert.Contains("not a tar archive", error.Message);
        }

        [Fact]
        public void Rejects_a_stream_truncated_inside_file_data()
        {
            var tar = new RawTarWriter();
            tar.File("big", Content(1, 5000));
            var bytes = tar.ToArray().AsSpan(0, 3000).ToArray();

            var error = Assert.Throws<SociFormatException>(() => BuildToc(bytes));
            Assert.Contains("inside file data", error.Message);
        }

        [Fact]
        public void Rejects_a_stream_truncated_inside_a_header()
        {
            var tar = new RawTarWriter();
            tar.File("a", Utf8("x"));
            tar.Header("b", (byte)'0');

            var error = Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray().AsSpan(0, 1024 + 100).ToArray()));
            Assert.Contains("inside a header block at offset 1024", error.Message);
        }

        [Fact]
        public void A_huge_declared_size_is_skipped_by_counting_and_reported_as_truncated()
        {
            var tar = new RawTarWriter();
            tar.Header(Utf8("huge"), (byte)'0', tamper: block =>
            {
                Array.Clear(block, 124, 12);
                block[124] = 0x80;
                block[128] = 0x40; // 2^62 bytes in base-256
            });
            tar.Raw(Content(3, 100000));

            var builder = new TarTocBuilder();
            builder.Write(tar.ToArray());
            var error = Assert.Throws<SociFormatException>(() => builder.Complete());
            Assert.Contains("inside file data", error.Message);
        }

        [Fact]
        public void Rejects_a_negative_size()
        {
            var tar = new RawTarWriter();
            tar.Header(Utf8("negative"), (byte)'0', tamper: block =>
            {
                for (var i = 124; i < 136; i++) block[i] = 0xff;
            });
            tar.End();

            Assert.Contains("negative size", Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Fact]
        public void Rejects_an_extended_header_larger_than_one_mebibyte_without_reading_it()
        {
            var tar = new RawTarWriter();
            tar.Header("PaxHeaders/huge", (byte)'x', size: 1L << 40);

            var error = Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray()));
            Assert.Contains("limit is 1048576", error.Message);
        }

        [Theory]
        [InlineData("5 a=b")]
        [InlineData("abc path=x\n")]
        [InlineData("99 path=x\n")]
        [InlineData("10 pathx\n")]
        [InlineData("8 =xyz\n")]
        public void Rejects_malformed_pax_records(string body)
        {
            var tar = new RawTarWriter();
            tar.Header("PaxHeaders/bad", (byte)'x', size: body.Length);
            tar.Data(Encoding.ASCII.GetBytes(body));
            tar.Header("file", (byte)'0');
            tar.End();

            Assert.Contains("malformed record", Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Theory]
        [InlineData("uid", "12x")]
        [InlineData("size", "99999999999999999999")]
        [InlineData("mtime", "1.5e3")]
        [InlineData("atime", "abc")]
        public void Rejects_pax_numbers_go_cannot_parse(string key, string value)
        {
            var tar = new RawTarWriter();
            tar.Pax((key, value));
            tar.Header("file", (byte)'0');
            tar.End();

            Assert.Contains($"invalid '{key}'", Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Theory]
        [InlineData((byte)'g')]
        [InlineData((byte)'S')]
        [InlineData((byte)'7')]
        [InlineData((byte)'V')]
        [InlineData((byte)'A')]
        public void Rejects_entry_types_soci_cannot_index(byte typeflag)
        {
            var tar = new RawTarWriter();
            if (typeflag == 'g') tar.Pax(new[] { new System.Collections.Generic.KeyValuePair<byte[], byte[]>(Utf8("comment"), Utf8("x")) }, typeflag);
            else tar.Header("entry", typeflag);
            tar.End();

            Assert.Contains("unsupported input tar entry", Assert.Throws<UnsupportedTarEntryException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Fact]
        public void Rejects_gnu_sparse_files()
        {
            var tar = new RawTarWriter();
            tar.Pax(("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "sparse"));
            tar.Header("GNUSparseFile.0/sparse", (byte)'0');
            tar.End();

            Assert.Contains("sparse", Assert.Throws<UnsupportedTarEntryException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Fact]
        public void Rejects_a_zero_block_followed_by_a_header()
        {
            var tar = new RawTarWriter();
            tar.Raw(new byte[512]);
            tar.File("late", Utf8("x"));

            Assert.Contains("follows a zero block", Assert.Throws<SociFormatException>(() => BuildToc(tar.ToArray())).Message);
        }

        [Fact]
        public void Keeps_failing_with_the_same_message_after_an_error()
        {
            var builder = new TarTocBuilder();
            var first = Assert.Throws<SociFormatException>(() => builder.Write(Content(1, 512)));

            Assert.Equal(first.Message, Assert.Throws<SociFormatException>(() => builder.Write(new byte[512])).Message);
            Assert.Equal(first.Message, Assert.Throws<SociFormatException>(() => builder.Complete()).Message);
        }

        [Fact]
        public void Every_prefix_of_an_archive_gives_entries_or_a_format_error()
        {
            var tar = new RawTarWriter();
            tar.Pax(("path", "pax-named"), ("SCHILY.xattr.user.a", "1"));
            tar.File("ignored", Content(1, 700));
            tar.GnuLong((byte)'L', Utf8(new string('l', 200)));
            tar.File("short", Utf8("abc"));
            tar.Header("dev", (byte)'3', devMajor: 1, devMinor: 5);
            tar.End();
            var bytes = tar.ToArray();

            for (var length = 0; length <= bytes.Length; length++)
            {
                var prefix = bytes.AsSpan(0, length).ToArray();
                try
                {
                    var toc = BuildToc(prefix, 97);
                    Assert.True(toc.UncompressedArchiveSize <= length);
                    foreach (var entry in toc.Entries) Assert.True(entry.DataOffset <= length);
                }
                catch (SociFormatException)
                {
                }
            }
            Assert.Equal(3, BuildToc(bytes).Entries.Count);
        }

        [Fact]
        public void Random_corruption_gives_entries_or_a_format_error()
        {
            var tar = new RawTarWriter();
            tar.Pax(("path", "p"), ("mtime", "1.25"));
            tar.File("f", Content(2, 900));
            tar.GnuLong((byte)'K', Utf8("target"));
            tar.Header("l", (byte)'2');
            tar.End();
            var original = tar.ToArray();
            var random = new Random(7);

            for (var round = 0; round < 3000; round++)
            {
                var bytes = (byte[])original.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                if (round % 2 == 0)
                {
                    // Re-seal the header blocks so the corruption reaches the field parsers, not just the checksum test.
                    for (var block = 0; block + 512 <= bytes.Length; block += 512)
                    {
                        if (original[block + 257] == (byte)'u' && original[block + 258] == (byte)'s') RawTarWriter.SetChecksum(bytes, block);
                    }
                }
                try
                {
                    BuildToc(bytes, 1 + round % 600);
                }
                catch (SociFormatException)
                {
                }
            }
        }
    }
}
