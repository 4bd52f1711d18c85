using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SociTools.Core.Registry;

namespace SociTools.Core.Finch.Output
{
    /// <summary>
    /// Reads <c>finch image ls --format json</c> (JSON Lines, one object per row, not an array) and answers
    /// whether an image is already present, so a run would not pull it.
    /// </summary>
    public static class LocalImageList
    {
        private const string None = "<none>";

        public static IReadOnlyList<LocalImage> Parse(string jsonLines)
        {
            var images = new List<LocalImage>();
            var lineNumber = 0;
            foreach (var raw in jsonLines.Split('\n'))
            {
                lineNumber++;
                var line = raw.Trim();
                if (line.Length == 0) continue;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    var row = document.RootElement;
                    if (row.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                    images.Add(new LocalImage(
                        Text(row, "Repository"), Text(row, "Tag"), Text(row, "Name"), Text(row, "Digest"), Text(row, "ID"),
                        Text(row, "Platform"), Text(row, "Size"), Text(row, "BlobSize"), Text(row, "CreatedAt")));
                }
                catch (JsonException e)
                {
                    throw new FinchException($"Line {lineNumber} of 'finch image ls --format json' is not a JSON object ({e.Message}): {Shorten(line)}");
                }
            }
            return images;
        }

        /// <summary>The rows that are <paramref name="image"/>: same name and tag (latest when none), or same target digest.</summary>
        public static IReadOnlyList<LocalImage> Matching(IEnumerable<LocalImage> images, Reference image)
        {
            return images.Where(row => IsSameImage(row, image)).ToList();
        }

        private static bool IsSameImage(LocalImage row, Reference image)
        {
            if (image.Digest is Oci.Digest digest)
            {
                return string.Equals(row.Digest, digest.ToString(), StringComparison.Ordinal)
                    && SameRepository(row, image);
            }
            var named = NameOf(row);
            // A row stored by digest (name repo@sha256:…, tag <none>) is not the tag finch would look up.
            return named != null
                && named.Digest == null
                && named.RepositoryName == image.RepositoryName
                && (named.Tag ?? "latest") == (image.Tag ?? "latest");
        }

        private static bool SameRepository(LocalImage row, Reference image)
        {
            var named = NameOf(row);
            // A row without a name is still the image when its digest matches.
            return named == null || named.RepositoryName == image.RepositoryName;
        }

        private static Reference? NameOf(LocalImage row)
        {
            if (row.Name.Length > 0 && row.Name != None && Reference.TryParse(row.Name, out var fromName)) return fromName;
            if (row.Repository.Length == 0 || row.Repository == None) return null;
            if (row.Tag.Length == 0 || row.Tag == None)
            {
                // Without its name the row still counts for a digest match, but not as any tag (let alone latest).
                return Reference.TryParse(row.Repository, out var untagged) && Oci.Digest.TryParse(row.Digest, out var target)
                    ? untagged!.WithDigest(target)
                    : null;
            }
            return Reference.TryParse(row.Repository + ":" + row.Tag, out var fromRepository) ? fromRepository : null;
        }

        private static string Text(JsonElement row, string name) =>
            row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

        private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 120) + "…";
    }
}
