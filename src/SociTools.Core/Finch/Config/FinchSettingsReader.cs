using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Turns finch.yaml's top-level entries into <see cref="FinchSettings"/>, as strictly as Finch's yaml.v3 unmarshal.</summary>
    internal static class FinchSettingsReader
    {
        private static readonly HashSet<string> TrueWords = new HashSet<string> { "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON" };
        private static readonly HashSet<string> FalseWords = new HashSet<string> { "false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF" };

        public static FinchSettings Read(FinchConfigDocument document, bool exists)
        {
            var settings = new FinchSettings { ConfigPath = document.Path, Exists = exists };
            var known = new List<string>();
            var unknown = new List<string>();
            foreach (var entry in document.Entries)
            {
                var name = entry.Key.Value;
                var value = entry.Value.Resolved;
                if (FinchSettingCatalog.Find(name) == null)
                {
                    unknown.Add(name);
                    continue;
                }
                known.Add(name);
                var reader = new ValueReader(document.Path, name);
                switch (name)
                {
                    case "cpus": settings.Cpus = reader.Int(value); break;
                    case "memory": settings.Memory = reader.Text(value); break;
                    case "additional_directories": settings.AdditionalDirectories = reader.Directories(value); break;
                    case "rosetta": settings.Rosetta = reader.Bool(value); break;
                    case "bootdisk": settings.BootDisk = reader.Text(value); break;
                    case "datadisk": settings.DataDisk = reader.Text(value); break;
                    case "vmnet": settings.VmNet = reader.Bool(value); break;
                    case "vmType": settings.VmType = reader.Text(value); break;
                    case "auto_vm_start": settings.AutoVmStart = reader.Bool(value); break;
                    case "snapshotters": settings.Snapshotters = reader.TextList(value) ?? new string[0]; break;
                    case "creds_helpers": settings.CredsHelpers = reader.TextList(value); break;
                    case "experimental": settings.MountInotify = reader.MountInotify(value); break;
                    case "dockercompat": settings.DockerCompat = reader.Bool(value); break;
                }
            }
            settings.SetKeys = known;
            settings.UnknownKeys = unknown;
            return settings;
        }

        private sealed class ValueReader
        {
            private readonly string _path;
            private readonly string _key;

            public ValueReader(string path, string key)
            {
                _path = path;
                _key = key;
            }

            public string? Text(YamlOutlineNode node)
            {
                if (node.IsNull) return null;
                if (node.Kind != YamlOutlineKind.Scalar) throw Wrong(node, "a single value");
                return node.Value;
            }

            public int? Int(YamlOutlineNode node)
            {
                var text = Text(node);
                if (text == null) return null;
                // yaml.v3 reads a quoted (or !!str) value only as text, never as a number.
                if (IsText(node)) throw Wrong(node, "a whole number written without quotes");
                if (int.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
                throw Wrong(node, "a whole number");
            }

            public bool? Bool(YamlOutlineNode node)
            {
                var text = Text(node);
                if (text == null) return null;
                // Quoted, yaml.v3 still takes the YAML 1.1 words (yes, off, ...) for a bool, but not true or false.
                var quotedLiteral = IsText(node) && (text == "true" || text == "false" || text == "True" || text == "False" || text == "TRUE" || text == "FALSE");
                if (quotedLiteral) throw Wrong(node, "true or false written without quotes");
                if (TrueWords.Contains(text)) return true;
                if (FalseWords.Contains(text)) return false;
                throw Wrong(node, "true or false");
            }

            private static bool IsText(YamlOutlineNode node) =>
                node.ScalarStyle != YamlDotNet.Core.ScalarStyle.Plain || node.Tag == "tag:yaml.org,2002:str";

            public IReadOnlyList<string>? TextList(YamlOutlineNode node)
            {
                if (node.IsNull) return null;
                if (node.Kind != YamlOutlineKind.Sequence) throw Wrong(node, "a list of names");
                return node.Items.Select(listed =>
                {
                    var item = listed.Resolved;
                    if (item.Kind != YamlOutlineKind.Scalar || item.IsNull) throw Wrong(item, "a name in each list item");
                    return item.Value;
                }).ToList();
            }

            public IReadOnlyList<string> Directories(YamlOutlineNode node)
            {
                if (node.IsNull) return new string[0];
                if (node.Kind != YamlOutlineKind.Sequence) throw Wrong(node, "a list of '- path: <folder>' items");
                var paths = new List<string>();
                foreach (var listed in node.Items)
                {
                    var item = listed.Resolved;
                    var path = item.Kind == YamlOutlineKind.Mapping ? item.Entries.FirstOrDefault(e => e.Key.Value == "path").Value?.Resolved : null;
                    if (path == null || path.Kind != YamlOutlineKind.Scalar) throw Wrong(item, "'path: <folder>' in each list item");
                    paths.Add(path.Value);
                }
                return paths;
            }

            public bool? MountInotify(YamlOutlineNode node)
            {
                if (node.IsNull) return null;
                if (node.Kind != YamlOutlineKind.Mapping) throw Wrong(node, "key: value pairs such as 'mountInotify: true'");
                var flag = node.Entries.FirstOrDefault(e => e.Key.Value == "mountInotify").Value?.Resolved;
                return flag == null ? null : new ValueReader(_path, "experimental.mountInotify").Bool(flag);
            }

            private Exception Wrong(YamlOutlineNode node, string expected) =>
                new FinchConfigException(_path, $"'{_key}' holds {node.Describe()}, but Finch expects {expected} there.", (int)node.Start.Line, (int)node.Start.Column);
        }
    }
}
