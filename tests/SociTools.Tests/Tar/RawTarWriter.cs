using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SociTools.Tests.Tar
{
    /// <summary>Writes tar archives header by header, so tests can make entries no tool writes (devices without root, hostile fields).</summary>
    internal sealed class RawTarWriter
    {
        private readonly MemoryStream _stream = new MemoryStream();

        public long Position => _stream.Length;

        /// <summary>Appends a USTAR header (or GNU/V7 with another magic) and returns the offset where its data starts.</summary>
        public long Header(byte[] name, byte typeflag, long size = 0, string linkname = "", long mode = 420, long uid = 1000, long gid = 1000,
            long mtime = 1700000000, long devMajor = 0, long devMinor = 0, string uname = "user", string gname = "group",
            string magic = "ustar\0", string version = "00", byte[]? prefix = null, Action<byte[]>? tamper = null, bool fixChecksum = true)
        {
            var block = new byte[512];
            Array.Copy(name, block, Math.Min(name.Length, 100));
            Octal(block, 100, 8, mode);
            Octal(block, 108, 8, uid);
            Octal(block, 116, 8, gid);
            Octal(block, 124, 12, size);
            Octal(block, 136, 12, mtime);
            block[156] = typeflag;
            Ascii(block, 157, linkname);
            Ascii(block, 257, magic);
            Ascii(block, 263, version);
            Ascii(block, 265, uname);
            Ascii(block, 297, gname);
            Octal(block, 329, 8, devMajor);
            Octal(block, 337, 8, devMinor);
            if (prefix != null) Array.Copy(prefix, 0, block, 345, prefix.Length);
            tamper?.Invoke(block);
            if (fixChecksum) SetChecksum(block);
            _stream.Write(block, 0, block.Length);
            return _stream.Length;
        }

        public long Header(string name, byte typeflag, long size = 0, string linkname = "", long mode = 420, long uid = 1000, long gid = 1000,
            long mtime = 1700000000, long devMajor = 0, long devMinor = 0) =>
            Header(Encoding.UTF8.GetBytes(name), typeflag, size, linkname, mode, uid, gid, mtime, devMajor, devMinor);

        /// <summary>A regular file with its data; returns the data offset.</summary>
        public long File(string name, byte[] content)
        {
            var offset = Header(name, (byte)'0', content.Length);
            Data(content);
            return offset;
        }

        public void Data(byte[] content)
        {
            _stream.Write(content, 0, content.Length);
            var padding = (int)(-content.Length & 511);
            _stream.Write(new byte[padding], 0, padding);
        }

        /// <summary>A PAX extended header ('x', or 'g' for global) with these records.</summary>
        public void Pax(IEnumerable<KeyValuePair<byte[], byte[]>> records, byte typeflag = (byte)'x')
        {
            var body = PaxBody(records);
            Header("PaxHeaders/entry", typeflag, body.Length);
            Data(body);
        }

        public void Pax(params (string Key, string Value)[] records)
        {
            var list = new List<KeyValuePair<byte[], byte[]>>();
            foreach (var (key, value) in records) list.Add(new KeyValuePair<byte[], byte[]>(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value)));
            Pax(list);
        }

        /// <summary>A GNU long name ('L') or long link ('K') header.</summary>
        public void GnuLong(byte typeflag, byte[] text)
        {
            var body = new byte[text.Length + 1];
            text.CopyTo(body, 0);
            Header(Encoding.ASCII.GetBytes("././@LongLink"), typeflag, body.Length, magic: "ustar ", version: " \0");
            Data(body);
        }

        public void Raw(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);

        public void End() => Raw(new byte[1024]);

        public byte[] ToArray() => _stream.ToArray();

        public static byte[] PaxBody(IEnumerable<KeyValuePair<byte[], byte[]>> records)
        {
            var body = new MemoryStream();
            foreach (var record in records)
            {
                var content = record.Key.Length + 1 + record.Value.Length + 1;
                var length = content + 1;
                while (length.ToString().Length + 1 + content != length) length++;
                var line = new List<byte>(Encoding.ASCII.GetBytes(length + " "));
                line.AddRange(record.Key);
                line.Add((byte)'=');
                line.AddRange(record.Value);
                line.Add((byte)'\n');
                body.Write(line.ToArray(), 0, line.Count);
            }
            return body.ToArray();
        }

        public static void SetChecksum(byte[] buffer, int blockOffset = 0)
        {
            for (var i = 148; i < 156; i++) buffer[blockOffset + i] = (byte)' ';
            var sum = 0;
            for (var i = 0; i < 512; i++) sum += buffer[blockOffset + i];
            Octal(buffer, blockOffset + 148, 7, sum);
        }

        private static void Octal(byte[] block, int offset, int length, long value)
        {
            var text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
            Ascii(block, offset, text);
            block[offset + length - 1] = 0;
        }

        private static void Ascii(byte[] block, int offset, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            Array.Copy(bytes, 0, block, offset, bytes.Length);
        }
    }
}
