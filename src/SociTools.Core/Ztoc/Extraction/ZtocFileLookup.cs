using System;
using System.Linq;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc.Extraction
{
    /// <summary>Finds a file in a zTOC by the name a user types: with or without a leading "/" or "./".</summary>
    public static class ZtocFileLookup
    {
        public static FileMetadata? Find(ZtocDocument ztoc, string name)
        {
            var wanted = Normalize(name);
            return ztoc.Files.LastOrDefault(f => Normalize(f.Name.ToString()) == wanted);
        }

        /// <summary>The regular file named, or a clear error when it is missing or is not a regular file.</summary>
        public static FileMetadata FindRegularFile(ZtocDocument ztoc, string name, string layerName)
        {
            var file = Find(ztoc, name) ?? throw new ZtocFileNotFoundException(name, layerName);
            if (file.Type == "reg") return file;
            var detail = file.Type == "symlink" || file.Type == "hardlink" ? $" to '{file.Linkname}'" : "";
            throw new ZtocFileNotFoundException(
                $"'{name}' in {layerName} is a {file.Type}{detail}, not a regular file; only regular files hold data to extract.");
        }

        public static string Normalize(string name)
        {
            var trimmed = name.Replace('\\', '/');
            while (trimmed.StartsWith("./", StringComparison.Ordinal)) trimmed = trimmed.Substring(2);
            return trimmed.TrimStart('/').TrimEnd('/');
        }
    }
}
