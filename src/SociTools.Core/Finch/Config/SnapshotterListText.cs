using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// One step of a <c>snapshotters</c> change as a text edit placed by the parser's marks: add a name,
    /// or remove one item. Every byte outside the edit stays as it was.
    /// </summary>
    internal static class SnapshotterListText
    {
        private const string Key = FinchConfigDocument.SnapshottersKey;
        private static readonly Regex BlockItemLead = new Regex(@"^ *- +$");

        public static string Add(FinchConfigDocument document, string name, bool first)
        {
            var entry = document.Find(Key);
            if (entry == null) return AddKey(document, name);
            var key = entry.Value.Key;
            var value = NotAnAlias(document, entry.Value.Value);
            var text = document.Text;
            if (value.IsNull)
            {
                if (value.Start.Index == value.End.Index)
                {
                    return AddFirstBlockItem(document, key, name);
                }
                // `~`, `null` or `!!null`: the smallest change that makes it a list.
                var start = Index(value.Start);
                return TextEdit.Apply(text, new[] { new TextEdit(start, NullEnd(text, value) - start, "[" + name + "]") });
            }
            var edit = value.IsFlow ? FlowListText.Add(document, value, name, first) : BlockListText.Add(document, value, name, first);
            return TextEdit.Apply(text, new[] { edit });
        }

        public static string Remove(FinchConfigDocument document, int index)
        {
            var entry = document.Find(Key)!.Value;
            var list = NotAnAlias(document, entry.Value);
            var edits = list.IsFlow
                ? new List<TextEdit> { FlowListText.Remove(document, list, index) }
                : BlockListText.Remove(document, entry.Key, list, index);
            return TextEdit.Apply(document.Text, edits);
        }

        /// <summary>Moves item <paramref name="index"/> of a block list to the front, line and comment whole; null for a flow list (remove, then add).</summary>
        public static string? MoveToFront(FinchConfigDocument document, int index)
        {
            var list = NotAnAlias(document, document.Find(Key)!.Value.Value);
            return list.IsFlow ? null : TextEdit.Apply(document.Text, BlockListText.MoveToFront(document, list, index));
        }

        private static YamlOutlineNode NotAnAlias(FinchConfigDocument document, YamlOutlineNode value) =>
            value.Kind == YamlOutlineKind.Alias
                ? throw Unsupported(document, value.Start, "its value is an alias (*name) of a list written elsewhere, which other values may share")
                : value;

        /// <summary>No key yet: append <c>snapshotters:</c> with one block item at the end (before a closing <c>...</c>), in the file's line ending.</summary>
        private static string AddKey(FinchConfigDocument document, string name)
        {
            var text = document.Text;
            var root = document.Root;
            if (root != null && root.IsFlow)
            {
                throw Unsupported(document, root.Start, "the settings are written as one flow mapping ({ ... })");
            }
            var indent = root != null && root.Entries.Count > 0 ? TextLines.LeadingWhitespace(text, Index(root.Entries[0].Key.Start)) : "";
            var lineEnding = document.Source.LineEnding;
            var lines = indent + Key + ":" + lineEnding + indent + ItemLead(document) + name + lineEnding;
            if (document.EndMarker is int marker)
            {
                // Text after `...` is outside the settings; the key goes on the line before it.
                return TextEdit.Apply(text, new[] { TextEdit.Insert(TextLines.LineStart(text, marker), lines) });
            }
            var separator = text.Length > 0 && !TextLines.EndsWithLineBreak(text) ? lineEnding : "";
            return text + separator + lines;
        }

        /// <summary><c>snapshotters:</c> with nothing after it: the item goes on the next line, indented under the key.</summary>
        private static string AddFirstBlockItem(FinchConfigDocument document, YamlOutlineNode key, string name)
        {
            var text = document.Text;
            var keyIndex = Index(key.Start);
            var item = TextLines.LeadingWhitespace(text, keyIndex) + ItemLead(document) + name;
            var lineEnding = TextLines.LineBreakOf(text, keyIndex, document.Source.LineEnding);
            var next = TextLines.NextLineStart(text, Index(key.End));
            return next < 0
                ? text + lineEnding + item
                : TextEdit.Apply(text, new[] { TextEdit.Insert(next, item + lineEnding) });
        }

        /// <summary>Just past a null value's text; a bare <c>!!null</c> ends with its tag, not where the parser's mark puts it (the next line).</summary>
        private static int NullEnd(string text, YamlOutlineNode value)
        {
            if (value.Value.Length > 0) return Index(value.End);
            var end = Index(value.Start);
            while (end < Index(value.End) && !char.IsWhiteSpace(text[end])) end++;
            return end;
        }

        /// <summary>How this file writes a block list item under its key ("  - ", or "    - " as finch writes, or "- "): copied from its first other block list.</summary>
        private static string ItemLead(FinchConfigDocument document)
        {
            var text = document.Text;
            foreach (var entry in document.Entries)
            {
                var list = entry.Value;
                if (list.Kind != YamlOutlineKind.Sequence || list.IsFlow || list.Items.Count == 0) continue;
                var itemIndex = Index(list.Items[0].Start);
                var lineStart = TextLines.LineStart(text, itemIndex);
                var lead = text.Substring(lineStart, itemIndex - lineStart);
                var keyIndent = TextLines.LeadingWhitespace(text, Index(entry.Key.Start));
                if (lead.StartsWith(keyIndent, StringComparison.Ordinal) && BlockItemLead.IsMatch(lead.Substring(keyIndent.Length))) return lead.Substring(keyIndent.Length);
            }
            return "  - ";
        }

        public static int Index(Mark mark) => (int)mark.Index;

        /// <summary>The name written in the same quoting style as an item already in the list.</summary>
        public static string Styled(string name, YamlOutlineNode like) => like.ScalarStyle switch
        {
            ScalarStyle.SingleQuoted => "'" + name + "'",
            ScalarStyle.DoubleQuoted => "\"" + name + "\"",
            _ => name,
        };

        public static FinchConfigException Unsupported(FinchConfigDocument document, Mark at, string why) =>
            new FinchConfigException(document.Path,
                $"SociTools cannot change '{Key}' here safely: {why}. The file was not changed; edit the list by hand (e.g. '{Key}: [soci]').",
                (int)at.Line, (int)at.Column, problem: FinchConfigProblem.NotEditable);
    }
}
