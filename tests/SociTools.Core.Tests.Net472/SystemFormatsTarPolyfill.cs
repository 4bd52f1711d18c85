using System.IO;
using System.Text;
using SociTools.Tests.Tar;

// System.Formats.Tar is .NET 7+. The linked fixtures use the little of it below to build PAX tar layers; here the
// entries are written as plain ustar headers by the tests' RawTarWriter, which the tar readers under test accept the
// same way. Names longer than a ustar name field are refused rather than cut.

namespace System.Formats.Tar
{
    internal enum TarEntryFormat
    {
        Pax,
    }

    internal enum TarEntryType : byte
    {
        RegularFile = (byte)'0',
        HardLink = (byte)'1',
        SymbolicLink = (byte)'2',
        Directory = (byte)'5',
    }

    internal sealed class PaxTarEntry
    {
        public PaxTarEntry(TarEntryType entryType, string entryName)
        {
            EntryType = entryType;
            Name = entryName;
        }

        public TarEntryType EntryType { get; }

        public string Name { get; }

        public Stream? DataStream { get; set; }

        public string LinkName { get; set; } = "";

        public DateTimeOffset ModificationTime { get; set; } = new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero);
    }

    internal sealed class TarWriter : IDisposable
    {
        private readonly Stream _archive;
        private readonly bool _leaveOpen;

        public TarWriter(Stream archiveStream, TarEntryFormat format, bool leaveOpen)
        {
            _archive = archiveStream;
            _leaveOpen = leaveOpen;
        }

        public void WriteEntry(PaxTarEntry entry)
        {
            if (Encoding.UTF8.GetByteCount(entry.Name) > 100) throw new NotSupportedException($"'{entry.Name}' is longer than a ustar name.");
            var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            var writer = new RawTarWriter();
            var mode = entry.EntryType == TarEntryType.Directory ? 493 : 420;
            writer.Header(entry.Name, (byte)entry.EntryType, content.Length, entry.LinkName, mode, mtime: entry.ModificationTime.ToUnixTimeSeconds());
            writer.Data(content.ToArray());
            var bytes = writer.ToArray();
            _archive.Write(bytes, 0, bytes.Length);
        }

        public void Dispose()
        {
            _archive.Write(new byte[1024], 0, 1024);
            if (!_leaveOpen) _archive.Dispose();
        }
    }
}
