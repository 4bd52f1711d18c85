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
            return TextEdit.Insert(SnapshotterListText.Index(last.End), separator + SnapshotterListText.Styled(name, last));
        }

        public static TextEdit Remove(FinchConfigDocument document, YamlOutlineNode list, int index)
        {
            var items = list.Items;
            if (items.Count == 1)
            {
                // The only item: leave `[]`, whatever spacing or trailing comma surrounded it.
                var open = SnapshotterListText.Index(list.OpenBracket);
                return TextEdit.Delete(open + 1, SnapshotterListText.Index(list.CloseBracket));
            }
            if (index < items.Count - 1)
            {
                return TextEdit.Delete(SnapshotterListText.Index(items[index].Start), SnapshotterListText.Index(items[index + 1].Start));
            }
            return TextEdit.Delete(SnapshotterListText.Index(items[index - 1].End), SnapshotterListText.Index(items[index].End));
        }

        /// <summary>What goes between two items: copied from the list when it has two, else ", " (or a new line for a list spread over lines).</summary>
        private static string Separator(FinchConfigDocument document, YamlOutlineNode list)
        {
            var text = document.Text;
            var items = list.Items;
            if (items.Count >= 2)
            {
                var before = items[items.Count - 2];
                var between = text.Substring(SnapshotterListText.Index(before.End), SnapshotterListText.Index(items[items.Count - 1].Start) - SnapshotterListText.Index(before.End));
                if (between.Contains(",") && !between.Contains("#")) return between;
            }
            var firstItem = items[0];
            if (list.OpenBracket.Line == firstItem.Start.Line) return ", ";
            var itemIndex = SnapshotterListText.Index(firstItem.Start);
            return "," + TextLines.LineBreakOf(text, SnapshotterListText.Index(list.OpenBracket), document.Source.LineEnding) + TextLines.LeadingWhitespace(text, itemIndex);
        }
    }
}
