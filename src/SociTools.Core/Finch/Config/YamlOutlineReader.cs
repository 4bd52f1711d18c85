using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// Reads finch.yaml's first document into <see cref="YamlOutlineNode"/>s from YamlDotNet's parser
    /// events, so that edits can be placed by the parser's marks rather than by searching the text.
    /// </summary>
    internal static class YamlOutlineReader
    {
        /// <summary>Deeper nesting than any finch.yaml has; stops hostile input from exhausting the stack.</summary>
        private const int MaxDepth = 64;

        public sealed class Outline
        {
            /// <summary>The first document's top node; null when the file holds no document (empty or only comments).</summary>
            public YamlOutlineNode? Root { get; set; }

            public int DocumentCount { get; set; }

            /// <summary>Where the first document's <c>...</c> marker starts; null when the document ends without one.</summary>
            public Mark? EndMarker { get; set; }
        }

        /// <exception cref="FinchConfigException">The text is not YAML, repeats a key or nests too deeply.</exception>
        public static Outline Read(string text, string path)
        {
            var scanner = new Scanner(new StringReader(text));
            var parser = new Parser(scanner);
            var outline = new Outline();
            try
            {
                parser.Consume<StreamStart>();
                while (parser.TryConsume<DocumentStart>(out _))
                {
                    outline.DocumentCount++;
                    var root = ReadNode(parser, path, 0, new Dictionary<string, YamlOutlineNode>());
                    var end = parser.Consume<DocumentEnd>();
                    if (outline.DocumentCount == 1)
                    {
                        outline.Root = root;
                        outline.EndMarker = end.IsImplicit ? null : end.Start;
                    }
                }
                parser.Consume<StreamEnd>();
            }
            catch (YamlException e)
            {
                var (line, column) = ErrorPosition(text, e);
                throw new FinchConfigException(path, $"the file is not valid YAML ({Sentence(e.Message)}) Finch would refuse it too; fix that line first.",
                    line, column, e);
            }
            catch (Exception e) when (e is InvalidOperationException || e is EndOfStreamException || e is ArgumentException)
            {
                // YamlDotNet's scanner fails these ways on some broken input (unclosed flow lists, a tag glued to '[',
                // a key with nothing after it at the end). The fault lies between the last node it read and where its scanner stopped.
                var lastRead = parser.Current?.End ?? Mark.Empty;
                var from = lastRead.Line >= 1 ? lastRead : new Mark(0, 1, 1);
                var to = scanner.CurrentPosition;
                var upTo = to.Line > from.Line ? $" and line {to.Line}" : "";
                throw new FinchConfigException(path, $"the file is not valid YAML (the YAML reader stopped between here{upTo}; look for an unclosed [ or {{ or quote, or a tag, anchor or ':' out of place). " +
                    "Finch would refuse it too; fix that first.", (int)from.Line, (int)from.Column, e);
            }
            return outline;
        }

        private static YamlOutlineNode ReadNode(IParser parser, string path, int depth, Dictionary<string, YamlOutlineNode> anchors)
        {
            var parsed = parser.Consume<ParsingEvent>();
            var node = YamlOutlineNode.From(parsed);
            if (parsed is AnchorAlias alias)
            {
                // An alias refers to the latest earlier anchor of that name; yaml.v3 rejects one that names none.
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new FinchConfigException(path, $"the alias *{alias.Value.Value} names no anchor (&{alias.Value.Value}) before it; Finch would refuse the file too.",
                        (int)node.Start.Line, (int)node.Start.Column);
                }
                node.Target = target;
                return node;
            }
            if (parsed is NodeEvent { Anchor: { IsEmpty: false } anchor })
            {
                anchors[anchor.Value] = node;
            }
            if (node.Kind == YamlOutlineKind.Sequence || node.Kind == YamlOutlineKind.Mapping)
            {
                if (depth >= MaxDepth)
                {
                    throw new FinchConfigException(path, $"the YAML nests deeper than {MaxDepth} levels, which no finch.yaml setting needs.", (int)node.Start.Line, (int)node.Start.Column);
                }
            }
            switch (node.Kind)
            {
                case YamlOutlineKind.Sequence:
                    while (!parser.Accept<SequenceEnd>(out _))
                    {
                        node.Items.Add(ReadNode(parser, path, depth + 1, anchors));
                    }
                    var sequenceEnd = parser.Consume<SequenceEnd>();
                    node.CloseBracket = sequenceEnd.Start;
                    node.End = sequenceEnd.End;
                    break;
                case YamlOutlineKind.Mapping:
                    var seen = new Dictionary<string, YamlOutlineNode>();
                    while (!parser.Accept<MappingEnd>(out _))
                    {
                        var key = ReadNode(parser, path, depth + 1, anchors);
                        var value = ReadNode(parser, path, depth + 1, anchors);
                        if (key.Kind == YamlOutlineKind.Scalar)
                        {
                            if (seen.TryGetValue(key.Value, out var first))
                            {
                                // yaml.v3 (Finch's parser) rejects repeated keys, so this file would stop finch as well.
                                throw new FinchConfigException(path, $"the key '{key.Value}' appears again (first on line {first.Start.Line}); Finch rejects repeated keys. Keep one.",
                                    (int)key.Start.Line, (int)key.Start.Column);
                            }
                            seen.Add(key.Value, key);
                        }
                        node.Entries.Add(new KeyValuePair<YamlOutlineNode, YamlOutlineNode>(key, value));
                    }
                    node.End = parser.Consume<MappingEnd>().End;
                    break;
            }
            return node;
        }

        /// <summary>
        /// Where the fault is. For a tab in an indentation YamlDotNet names the start of the enclosing mapping or
        /// scalar, lines above it; the tab itself is on the first line from there whose indentation holds one.
        /// </summary>
        private static (int Line, int Column) ErrorPosition(string text, YamlException e)
        {
            var reported = ((int)e.Start.Line, (int)e.Start.Column);
            if (e.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) < 0) return reported;
            var lines = text.Split('\n');
            for (var line = Math.Max(1, (int)e.Start.Line); line <= lines.Length; line++)
            {
                var content = lines[line - 1];
                var indentation = 0;
                while (indentation < content.Length && (content[indentation] == ' ' || content[indentation] == '\t')) indentation++;
                var tab = content.IndexOf('\t', 0, indentation);
                if (tab >= 0) return (line, tab + 1);
            }
            return reported;
        }

        private static string Sentence(string message) => message.TrimEnd().TrimEnd('.') + ".";
    }
}
