using System.Linq;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Edits inside a flow list (<c>[a, b]</c>, also spread over lines), keeping its separators and quoting.</summary>
    internal static class FlowListText
    {
        public static TextEdit Add(FinchConfigDocument document, YamlOutlineNode list, string name, bool first)
        {
            var text = document.Text;
            var open = SnapshotterListText.Index(list.OpenBracket);
            var close = SnapshotterListText.Index(list.CloseBracket);
            var items = list.Items;
            if (items.Count == 0)
            {
                var inside = text.Substring(open + 1, close - open - 1);
                // `[ ]` becomes `[soci]`; an empty list spread over lines keeps its lines.
                return TextLines.IsBlank(inside) ? new TextEdit(open + 1, inside.Length, name) : TextEdit.Insert(open + 1, name);
            }
            var separator = Separator(document, list);
            if (first)
            {
                return TextEdit.Insert(SnapshotterListText.Index(items[0].Start), SnapshotterListText.Styled(name, items[0]) + separator);
            }
            var last = items[items.Count - 1];
            var lastEnd = SnapshotterListText.Index(last.End);
            var styled = SnapshotterListText.Styled(name, last);
            var afterLast = SkipBlanks(text, lastEnd);
            var trailingComma = afterLast < text.Length && text[afterLast] == ',';
            var commentAt = trailingComma ? SkipBlanks(text, afterLast + 1) : afterLast;
            if (separator.IndexOf('\n') >= 0 && commentAt < text.Length && text[commentAt] == '#')
            {
                // The last item's line ends in a comment about it: the new item goes on its own line after that one.
                var lineEnd = commentAt;
                while (lineEnd < text.Length && text[lineEnd] != '\r' && text[lineEnd] != '\n') lineEnd++;
                var newLine = separator.Substring(separator.IndexOf(',') + 1) + styled + (trailingComma ? "," : "");
                return new TextEdit(lastEnd, lineEnd - lastEnd, (trailingComma ? "" : ",") + text.Substring(lastEnd, lineEnd - lastEnd) + newLine);
            }
            return TextEdit.Insert(lastEnd, separator + styled);
        }

        public static TextEdit Remove(FinchConfigDocument document, YamlOutlineNode list, int index)
        {
            var text = document.Text;
            var items = list.Items;
            var item = items[index];
            var start = SnapshotterListText.Index(item.Start);
            var end = SnapshotterListText.Index(item.End);
            TextEdit compact;
            if (items.Count == 1)
            {
                // The only item: leave `[]`, whatever spacing or trailing comma surrounded it.
                compact = TextEdit.Delete(SnapshotterListText.Index(list.OpenBracket) + 1, SnapshotterListText.Index(list.CloseBracket));
            }
            else if (index < items.Count - 1)
            {
                compact = TextEdit.Delete(start, SnapshotterListText.Index(items[index + 1].Start));
            }
            else
            {
                compact = TextEdit.Delete(SnapshotterListText.Index(items[index - 1].End), end);
            }
            var around = text.Substring(compact.Start, start - compact.Start) + text.Substring(end, compact.Start + compact.Length - end);
            return around.Contains("#") ? RemoveBesideComments(text, start, end) : compact;
        }

        /// <summary>
        /// A comment sits in the list next to the item: take out the item's own line when it stands alone there
        /// (its comma and comment go with it, as in a block list), else only the item and its comma.
        /// </summary>
        private static TextEdit RemoveBesideComments(string text, int start, int end)
        {
            var lineStart = TextLines.LineStart(text, start);
            var afterComma = SkipBlanks(text, end);
            var hasComma = afterComma < text.Length && text[afterComma] == ',';
            if (hasComma) afterComma = SkipBlanks(text, afterComma + 1);
            var aloneOnLine = TextLines.IsBlank(text.Substring(lineStart, start - lineStart)) &&
                afterComma < text.Length && (text[afterComma] == '#' || text[afterComma] == '\r' || text[afterComma] == '\n');
            var nextLine = TextLines.NextLineStart(text, start);
            if (aloneOnLine && nextLine >= 0)
            {
                return TextEdit.Delete(lineStart, nextLine);
            }
            if (hasComma)
            {
                return TextEdit.Delete(start, SkipBlanks(text, end) + 1);
            }
            // The last item: the comma before it stays as a trailing comma, so a comment after that comma stays put.
            var from = TextLines.IsBlank(text.Substring(lineStart, start - lineStart)) ? lineStart : start;
            return TextEdit.Delete(from, end);
        }

        private static int SkipBlanks(string text, int index)
        {
            while (index < text.Length && (text[index] == ' ' || text[index] == '\t')) index++;
            return index;
        }

        /// <summary>What goes between two items: copied from the list when it has two (less any comment), else ", " (or a new line for a list spread over lines).</summary>
        private static string Separator(FinchConfigDocument document, YamlOutlineNode list)
        {
            var text = document.Text;
            var items = list.Items;
            if (items.Count >= 2)
            {
                var before = items[items.Count - 2];
                var between = text.Substring(SnapshotterListText.Index(before.End), SnapshotterListText.Index(items[items.Count - 1].Start) - SnapshotterListText.Index(before.End));
                if (between.Contains(",") && !between.Contains("#")) return between;
                // `a, # note` then `b` on the next line: the comma, then a new line indented like the last item's.
                var lastBreak = between.LastIndexOf('\n');
                if (between.TrimStart(' ', '\t').StartsWith(",") && lastBreak >= 0 && TextLines.IsBlank(between.Substring(lastBreak + 1)))
                {
                    return "," + (lastBreak > 0 && between[lastBreak - 1] == '\r' ? "\r\n" : "\n") + between.Substring(lastBreak + 1);
                }
            }
            var firstItem = items[0];
            if (list.OpenBracket.Line == firstItem.Start.Line) return ", ";
            var itemIndex = SnapshotterListText.Index(firstItem.Start);
            return "," + TextLines.LineBreakOf(text, SnapshotterListText.Index(list.OpenBracket), document.Source.LineEnding) + TextLines.LeadingWhitespace(text, itemIndex);
        }
    }
}
