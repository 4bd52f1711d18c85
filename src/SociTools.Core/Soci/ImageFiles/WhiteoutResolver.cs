using System;
using System.Collections.Generic;
using SociTools.Core.Ztoc;
using SociTools.Core.Ztoc.Extraction;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>
    /// Decides, one layer at a time from the top, whether a path of the image is in that layer, hidden by it
    /// (a whiteout, an opaque directory, or an ancestor replaced by a non-directory), or left to the layers below:
    /// the overlay rules the snapshotter's filesystem applies.
    /// </summary>
    public sealed class WhiteoutResolver
    {
        /// <summary>A file named <c>.wh.&lt;name&gt;</c> deletes <c>&lt;name&gt;</c> of the layers below.</summary>
        public const string WhiteoutPrefix = ".wh.";

        /// <summary>In a directory, hides everything the layers below have in that directory.</summary>
        public const string OpaqueMarker = ".wh..wh..opq";

        private readonly string[] _components;

        public WhiteoutResolver(string path)
        {
            Path = ZtocFileLookup.Normalize(path ?? throw new ArgumentNullException(nameof(path)));
            if (Path.Length == 0) throw new ArgumentException("Name a file, not the image's root directory.", nameof(path));
            _components = Path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            Path = string.Join("/", _components);
        }

        /// <summary>The path asked for, normalized as zTOC names are compared (no leading "/" or "./").</summary>
        public string Path { get; }

        /// <summary>The entries of one layer by normalized name; a later entry of the same name wins, as when the tar is unpacked.</summary>
        public static IReadOnlyDictionary<string, FileMetadata> EntriesByPath(IEnumerable<FileMetadata> files)
        {
            var entries = new Dictionary<string, FileMetadata>(StringComparer.Ordinal);
            foreach (var file in files) entries[ZtocFileLookup.Normalize(file.Name.ToString())] = file;
            return entries;
        }

        /// <summary>What this layer does to the path; <paramref name="layerName"/> only goes into explanations.</summary>
        public LayerPathVerdict Examine(IReadOnlyDictionary<string, FileMetadata> layer, string layerName)
        {
            if (layer.TryGetValue(Path, out var entry)) return LayerPathVerdict.Present(entry);
            if (layer.ContainsKey(OpaqueMarker))
            {
                return LayerPathVerdict.Hidden($"layer {layerName} makes the root directory opaque, hiding every file of the layers below it");
            }
            var directory = "";
            for (var i = 0; i < _components.Length; i++)
            {
                var name = _components[i];
                var path = directory.Length == 0 ? name : directory + "/" + name;
                var whiteout = directory.Length == 0 ? WhiteoutPrefix + name : directory + "/" + WhiteoutPrefix + name;
                if (layer.ContainsKey(whiteout))
                {
                    return LayerPathVerdict.Hidden($"layer {layerName} deletes '/{path}' with the whiteout '/{whiteout}'");
                }
                var isLast = i == _components.Length - 1;
                if (isLast) break;
                if (layer.TryGetValue(path, out var ancestor) && ancestor.Type != "dir")
                {
                    var what = ancestor.Type == "symlink"
                        ? $"a symlink to '{ancestor.Linkname}'; ask for the path through the link's target"
                        : (ancestor.Type == "reg" ? "a regular file" : "a " + ancestor.Type) + ", not a directory";
                    return LayerPathVerdict.Hidden($"in layer {layerName}, '/{path}' is {what}");
                }
                if (layer.ContainsKey(path + "/" + OpaqueMarker))
                {
                    return LayerPathVerdict.Hidden($"layer {layerName} makes '/{path}' opaque, hiding what the layers below have in it");
                }
                directory = path;
            }
            // Tars may leave a directory implicit, listing only the files in it.
            var prefix = Path + "/";
            foreach (var name in layer.Keys)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return LayerPathVerdict.Present(new FileMetadata { Name = Path, Type = "dir" });
                }
            }
            return LayerPathVerdict.Absent;
        }
    }
}
