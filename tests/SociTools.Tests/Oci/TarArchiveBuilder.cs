using System;
using System.Formats.Tar;
using System.IO;
using System.Text;

namespace SociTools.Tests.Oci
{
    /// <summary>Writes tar archives entry by entry, including hostile ones (.., absolute names, outward links).</summary>
    public sealed class TarArchiveBuilder : IDisposable
    {
        private readonly FileStream _file;
        private readonly TarWriter _writer;

        public TarArchiveBuilder(string path)
        {
            Path = path;
            _file = System.IO.File.Create(path);
            _writer = new TarWriter(_file, TarEntryFormat.Pax, leaveOpen: false);
        }

        public string Path { get; }

        public TarArchiveBuilder File(string name, byte[] content)
        {
            _writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            return this;
        }

        public TarArchiveBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

        public TarArchiveBuilder Directory(string name)
        {
            _writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name));
            return this;
        }

        public TarArchiveBuilder Symlink(string name, string target)
        {
            _writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
            return this;
        }

        public TarArchiveBuilder HardLink(string name, string target)
        {
            _writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });
            return this;
        }

        /// <summary>Writes a tar of every file under <paramref name="directory"/> and returns its path.</summary>
        public static string OfDirectory(string directory, string archivePath)
        {
            using (var tar = new TarArchiveBuilder(archivePath)) tar.Tree(directory);
            return archivePath;
        }

        /// <summary>Adds every file under <paramref name="directory"/> with names relative to it.</summary>
        public TarArchiveBuilder Tree(string directory)
        {
            foreach (var file in System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            {
                File(System.IO.Path.GetRelativePath(directory, file).Replace('\\', '/'), System.IO.File.ReadAllBytes(file));
            }
            return this;
        }

        public void Dispose() => _writer.Dispose();
    }
}
