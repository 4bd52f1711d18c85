using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SharpCompress.Readers;
using SharpCompress.Readers.Tar;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>
    /// Writes the regular files of a tar under a directory, hashing each while it streams, and never
    /// writes outside that directory: absolute names and '..' are refused, and links are never created
    /// on disk but resolved inside the archive (a link pointing out of it is refused).
    /// </summary>
    internal static class SafeTarExtractor
    {
        private const int CopyBufferSize = 81920;

        public static async Task<ExtractedArchive> ExtractAsync(string archivePath, string destination, CancellationToken cancellationToken)
        {
            var files = new Dictionary<string, ExtractedFile>(StringComparer.Ordinal);
            var rawLinks = new List<KeyValuePair<string, string>>();
            Directory.CreateDirectory(destination);
            using (var archive = OpenArchiveFile(archivePath))
            using (var reader = OpenTarReader(archive, archivePath))
            {
                while (MoveNext(reader, archivePath))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var entry = reader.Entry;
                    var path = ArchiveEntryPath.Normalize(entry.Key ?? "", archivePath);
                    if (path.Length == 0) continue;
                    var fullPath = ArchiveEntryPath.FullPathUnder(destination, path, archivePath);
                    if (!string.IsNullOrEmpty(entry.LinkTarget))
                    {
                        rawLinks.Add(new KeyValuePair<string, string>(path, entry.LinkTarget!));
                    }
                    else if (entry.IsDirectory)
                    {
                        CreateDirectories(destination, fullPath, path, archivePath);
                    }
                    else
                    {
                        CreateDirectories(destination, Path.GetDirectoryName(fullPath)!, path, archivePath);
                        if (Directory.Exists(fullPath)) throw Conflict(path, archivePath);
                        files.Remove(path);
                        files[path] = await CopyEntryAsync(reader, path, fullPath, archivePath, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            return new ExtractedArchive(archivePath, files, ResolveLinks(rawLinks, files, archivePath));
        }

        private static FileStream OpenArchiveFile(string archivePath)
        {
            try
            {
                return new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SociFormatException($"Cannot read the archive {archivePath}: {e.Message}", e);
            }
        }

        private static IReader OpenTarReader(Stream archive, string archivePath)
        {
            try
            {
                return TarReader.OpenReader(archive, new ReaderOptions { LeaveStreamOpen = true });
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new SociFormatException($"{archivePath} is not a tar archive: {e.Message}", e);
            }
        }

        private static bool MoveNext(IReader reader, string archivePath)
        {
            try
            {
                return reader.MoveToNextEntry();
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is SociFormatException))
            {
                throw new SociFormatException($"The archive {archivePath} is truncated or not a valid tar: {e.Message}", e);
            }
        }

        private static async Task<ExtractedFile> CopyEntryAsync(IReader reader, string path, string fullPath, string archivePath, CancellationToken cancellationToken)
        {
            var head = new List<byte>(4);
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[CopyBufferSize];
            using (var source = OpenEntryStream(reader, path, archivePath))
            using (var target = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                int read;
                while ((read = await ReadEntryAsync(source, buffer, path, archivePath, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    for (var i = 0; i < read && head.Count < 4; i++) head.Add(buffer[i]);
                    hash.AppendData(buffer, 0, read);
                    size += read;
                    await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                }
            }
            return new ExtractedFile(path, fullPath, size, Digest.FromSha256Hash(hash.GetHashAndReset()), head.ToArray());
        }

        // A hostile archive may name "a" as a file and then "a/b"; that is its fault, not a disk error.
        private static void CreateDirectories(string destination, string directory, string path, string archivePath)
        {
            var root = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar);
            for (var current = directory; current != null && current.Length > root.Length; current = Path.GetDirectoryName(current))
            {
                if (File.Exists(current)) throw Conflict(path, archivePath);
            }
            Directory.CreateDirectory(directory);
        }

        private static SociFormatException Conflict(string path, string archivePath) =>
            new SociFormatException($"The archive {archivePath} has an entry '{path}' that conflicts with an earlier file or directory of the same name.");

        private static Stream OpenEntryStream(IReader reader, string path, string archivePath)
        {
            try
            {
                return reader.OpenEntryStream();
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw Damaged(path, archivePath, e);
            }
        }

        // Only reading the archive is wrapped: a full disk while writing is the user's to fix and is reported as it is.
        private static async Task<int> ReadEntryAsync(Stream source, byte[] buffer, string path, string archivePath, CancellationToken cancellationToken)
        {
            try
            {
                return await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw Damaged(path, archivePath, e);
            }
        }

        private static SociFormatException Damaged(string path, string archivePath, Exception e) =>
            new SociFormatException($"The archive {archivePath} is truncated or damaged at '{path}': {e.Message}", e);

        private static Dictionary<string, string> ResolveLinks(List<KeyValuePair<string, string>> rawLinks, Dictionary<string, ExtractedFile> files, string archivePath)
        {
            var names = new HashSet<string>(files.Keys, StringComparer.Ordinal);
            foreach (var link in rawLinks) names.Add(link.Key);
            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var link in rawLinks)
            {
                // Symbolic links are relative to their directory; hard links name a path from the archive root.
                var resolved = ArchiveEntryPath.ResolveLinkTarget(link.Key, link.Value, relativeToRoot: false);
                if (resolved == null)
                {
                    throw new SociFormatException($"The archive {archivePath} has a link '{link.Key}' -> '{link.Value}' that points outside the archive; refusing to extract it.");
                }
                if (!names.Contains(resolved))
                {
                    resolved = ArchiveEntryPath.ResolveLinkTarget(link.Key, link.Value, relativeToRoot: true) ?? resolved;
                }
                links[link.Key] = resolved;
            }
            return links;
        }
    }
}
