using System.Collections.Generic;
using System.Linq;
using YamlDotNet.Core;

namespace SociTools.Core.Finch.Config
{
    /// <summary>finch.yaml's text with the parser's outline of its top-level keys.</summary>
    internal sealed class FinchConfigDocument
    {
        public const string SnapshottersKey = FinchSettings.SnapshottersKey;

        private FinchConfigDocument(string path, FinchConfigText source, YamlOutlineNode? root, int? endMarker)
        {
            Path = path;
            Source = source;
            Root = root;
            EndMarker = endMarker;
        }

        public string Path { get; }

        public FinchConfigText Source { get; }

        public string Text => Source.Text;

        /// <summary>The top-level mapping; null when the file holds no settings at all (empty, comments only, or <c>---</c> alone).</summary>
        public YamlOutlineNode? Root { get; }

        /// <summary>Where the document's closing <c>...</c> line starts; null when it has none. Settings added later go before it.</summary>
        public int? EndMarker { get; }

        public IEnumerable<KeyValuePair<YamlOutlineNode, YamlOutlineNode>> Entries =>
            Root?.Entries ?? Enumerable.Empty<KeyValuePair<YamlOutlineNode, YamlOutlineNode>>();

        /// <exception cref="FinchConfigException">Not YAML, or not a set of <c>key: value</c> settings.</exception>
        public static FinchConfigDocument Parse(FinchConfigText source, string path)
        {
            var outline = YamlOutlineReader.Read(source.Text, path);
            if (outline.DocumentCount > 1)
            {
                throw new FinchConfigException(path, $"the file holds {outline.DocumentCount} YAML documents (separated by ---); Finch reads only the first. Remove the others.");
            }
            var root = outline.Root;
            if (root != null && root.IsNull) root = null;
            if (root != null && root.Kind != YamlOutlineKind.Mapping)
            {
                throw new FinchConfigException(path, $"the file holds {root.Describe()} where Finch expects 'key: value' settings.", (int)root.Start.Line, (int)root.Start.Column);
            }
            return new FinchConfigDocument(path, source, root, outline.EndMarker is Mark end ? (int)end.Index : (int?)null);
        }

        public KeyValuePair<YamlOutlineNode, YamlOutlineNode>? Find(string key)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Kind == YamlOutlineKind.Scalar && entry.Key.Value == key) return entry;
            }
            return null;
        }

        /// <summary>The snapshotter names in file order; empty when the key is absent or null.</summary>
        /// <exception cref="FinchConfigException">The value is not a list of names.</exception>
        public IReadOnlyList<string> Snapshotters() => FinchSettingsReader.Read(this, exists: true).Snapshotters;

        public FinchSettings Settings(bool exists) => FinchSettingsReader.Read(this, exists);
    }
}
