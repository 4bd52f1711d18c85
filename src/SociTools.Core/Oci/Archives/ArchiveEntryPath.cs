using System;
using System.Collections.Generic;
using System.IO;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>Turns tar entry names into safe relative paths, refusing any that would leave the output directory.</summary>
    internal static class ArchiveEntryPath
    {
        /// <summary>The canonical <c>a/b/c</c> form of an entry name; throws for absolute names and <c>..</c>.</summary>
        public static string Normalize(string entryName, string archivePath)
        {
            if (string.IsNullOrEmpty(entryName) || entryName.IndexOf('\0') >= 0)
            {
                throw new SociFormatException($"The archive {archivePath} has an entry with an empty or invalid name.");
            }
            var name = entryName.Replace('\\', '/');
            if (name.StartsWith("/", StringComparison.Ordinal) || (name.Length >= 2 && name[1] == ':'))
            {
                throw new SociFormatException($"The archive {archivePath} has an entry with an absolute path '{entryName}'; refusing to extract it.");
            }
            var segments = new List<string>();
            foreach (var segment in name.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..")
                {
                    throw new SociFormatException($"The archive {archivePath} has an entry '{entryName}' that climbs out of the output directory with '..'; refusing to extract it.");
                }
                segments.Add(segment);
            }
            return string.Join("/", segments);
        }

        /// <summary>
        /// Resolves a link target against the archive's own tree: relative to the link's directory, or from
        /// the archive root when it starts with '/'. Returns null when it points outside the archive.
        /// </summary>
        public static string? ResolveLinkTarget(string linkEntryPath, string target, bool relativeToRoot)
        {
            var segments = new List<string>();
            if (!relativeToRoot && !target.StartsWith("/", StringComparison.Ordinal))
            {
                segments.AddRange(linkEntryPath.Split('/'));
                segments.RemoveAt(segments.Count - 1);
            }
            foreach (var segment in target.Replace('\\', '/').Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..")
                {
                    if (segments.Count == 0) return null;
                    segments.RemoveAt(segments.Count - 1);
                    continue;
                }
                segments.Add(segment);
            }
            return segments.Count == 0 ? null : string.Join("/", segments);
        }

        /// <summary>The full path of a normalised entry under <paramref name="root"/>, checked to stay inside it.</summary>
        public static string FullPathUnder(string root, string relativePath, string archivePath)
        {
            var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.Combine(rootFull, relativePath.Replace('/', Path.DirectorySeparatorChar)));
            if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            {
                throw new SociFormatException($"The archive {archivePath} has an entry '{relativePath}' outside the output directory; refusing to extract it.");
            }
            return full;
        }
    }
}
