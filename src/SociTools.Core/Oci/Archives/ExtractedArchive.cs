using System;
using System.Collections.Generic;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>A regular file written out of an archive, with what was learned while copying it.</summary>
    internal sealed class ExtractedFile
    {
        public ExtractedFile(string entryPath, string fullPath, long size, Digest digest, byte[] head)
        {
            EntryPath = entryPath;
            FullPath = fullPath;
            Size = size;
            Digest = digest;
            Head = head;
        }

        public string EntryPath { get; }

        public string FullPath { get; }

        public long Size { get; }

        public Digest Digest { get; }

        /// <summary>The first bytes (up to four), enough to recognise gzip or zstd.</summary>
        public byte[] Head { get; }

        public bool IsGzip => Head.Length >= 2 && Head[0] == 0x1f && Head[1] == 0x8b;

        public bool IsZstd => Head.Length >= 4 && Head[0] == 0x28 && Head[1] == 0xb5 && Head[2] == 0x2f && Head[3] == 0xfd;
    }

    /// <summary>The files of an extracted archive by entry path; links resolve to the file they name.</summary>
    internal sealed class ExtractedArchive
    {
        private readonly Dictionary<string, ExtractedFile> _files;
        private readonly Dictionary<string, string> _links;

        public ExtractedArchive(string archivePath, Dictionary<string, ExtractedFile> files, Dictionary<string, string> links)
        {
            ArchivePath = archivePath;
            _files = files;
            _links = links;
        }

        public string ArchivePath { get; }

        public IEnumerable<ExtractedFile> Files => _files.Values;

        public IReadOnlyDictionary<string, string> Links => _links;

        public bool Contains(string entryPath) => TryFind(entryPath, out _);

        public bool TryFind(string entryPath, out ExtractedFile file)
        {
            string path;
            try
            {
                path = ArchiveEntryPath.Normalize(entryPath, ArchivePath);
            }
            catch (SociFormatException)
            {
                file = null!;
                return false;
            }
            for (var hops = 0; hops < 40; hops++)
            {
                if (_files.TryGetValue(path, out file!)) return true;
                if (!_links.TryGetValue(path, out path!)) break;
            }
            file = null!;
            return false;
        }

        public ExtractedFile Find(string entryPath) =>
            TryFind(entryPath, out var file)
                ? file
                : throw new SociFormatException($"The archive {ArchivePath} names '{entryPath}', but holds no such file.");
    }
}
