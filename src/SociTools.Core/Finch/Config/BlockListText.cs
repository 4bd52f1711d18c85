using System.Collections.Generic;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Edits to a block list (<c>- name</c> lines), keeping each item's indentation and quoting.</summary>
    internal static class BlockListText
    {
        private static readonly Regex ItemLead = new Regex(@"^[ \t]*-[ \t]+$");

        public static TextEdit Add(FinchConfigDocument document, YamlOutlineNode list, string name, bool first)
        {
            var text = document.Text;
            var items = list.Items;
            var like = first ? items[0] : items[items.Count - 1];
            var lead = Lead(document, like);
            var item = lead + SnapshotterListText.Styled(name, like);
            var likeIndex = SnapshotterListText.Index(like.Start);
            var lineEnding = TextLines.LineBreakOf(text, likeIndex, document.Source.LineEnding);
            if (first)
            {
                return TextEdit.Insert(TextLines.LineStart(text, likeIndex), item + lineEnding);
            }
            // After the last item's line, so a comment on that line stays with its item.
            var next = TextLines.NextLineStart(text, SnapshotterListText.Index(like.End));
            return next < 0 ? TextEdit.Insert(text.Length, lineEnding + item) : TextEdit.Insert(next, item + lineEnding);
        }

        public static List<TextEdit> Remove(FinchConfigDocument document, YamlOutlineNode key, YamlOutlineNode list, int index)
        {
            var text = document.Text;
            var item = list.Items[index];
            Lead(document, item);
            var lineStart = TextLines.LineStart(text, SnapshotterListText.Index(item.Start));
            var next = TextLines.NextLineStart(text, SnapshotterListText.Index(item.End));
            var edits = new List<TextEdit>
            {
                next >= 0
                    ? TextEdit.Delete(lineStart, next)
                    // The last line has no line break: take the one before it, so the file still ends as it did.
                    : TextEdit.Delete(lineStart - TextLines.PreviousLineBreak(text, lineStart).Length, text.Length),
            };
            if (list.Items.Count == 1)
            {
                // `snapshotters:` alone would read as null; `[]` says "no snapshotters" plainly.
                edits.Add(TextEdit.Insert(ColonAfter(document, key) + 1, " []"));
            }
            return edits;
        }

        /// <summary>Moves an item's whole line (its comment too) to just before the first item's line.</summary>
        public static List<TextEdit> MoveToFront(FinchConfigDocument document, YamlOutlineNode list, int index)
        {
            var text = document.Text;
            var item = list.Items[index];
            Lead(document, item);
            Lead(document, list.Items[0]);
            var firstLineStart = TextLines.LineStart(text, SnapshotterListText.Index(list.Items[0].Start));
            var lineStart = TextLines.LineStart(text, SnapshotterListText.Index(item.Start));
            var next = TextLines.NextLineStart(text, SnapshotterListText.Index(item.End));
            if (next >= 0)
            {
                return new List<TextEdit> { TextEdit.Delete(lineStart, next), TextEdit.Insert(firstLineStart, text.Substring(lineStart, next - lineStart)) };
            }
            // The last line has no line break: it borrows the one before it, so the file still ends as it did.
            var lineBreak = TextLines.PreviousLineBreak(text, lineStart);
            return new List<TextEdit>
            {
                TextEdit.Delete(lineStart - lineBreak.Length, text.Length),
                TextEdit.Insert(firstLineStart, text.Substring(lineStart) + lineBreak),
            };
        }

        /// <summary>The text before an item on its line: indentation, dash, spaces.</summary>
        private static string Lead(FinchConfigDocument document, YamlOutlineNode item)
        {
            var text = document.Text;
            var index = SnapshotterListText.Index(item.Start);
            var lineStart = TextLines.LineStart(text, index);
            var lead = text.Substring(lineStart, index - lineStart);
            if (!ItemLead.IsMatch(lead) || item.Kind != YamlOutlineKind.Scalar)
            {
                throw SnapshotterListText.Unsupported(document, item.Start, "this item is not a plain '- name' line");
            }
            if (item.ScalarStyle == ScalarStyle.Literal || item.ScalarStyle == ScalarStyle.Folded)
            {
                // A block scalar's text runs on below its dash line, so a line placed "after the item" would land inside the next key.
                throw SnapshotterListText.Unsupported(document, item.Start, "this item is a block scalar ('- |' or '- >'), not a plain '- name' line");
            }
            return lead;
        }

        private static int ColonAfter(FinchConfigDocument document, YamlOutlineNode key)
        {
            var text = document.Text;
            var index = SnapshotterListText.Index(key.End);
            while (index < text.Length && (text[index] == ' ' || text[index] == '\t')) index++;
            if (index >= text.Length || text[index] != ':')
            {
                throw SnapshotterListText.Unsupported(document, key.Start, "the key is not written as 'snapshotters:'");
            }
            return index;
        }
    }
}
