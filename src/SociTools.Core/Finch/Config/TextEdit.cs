using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="Replacement"/>.</summary>
    internal readonly struct TextEdit
    {
        public TextEdit(int start, int length, string replacement)
        {
            Start = start;
            Length = length;
            Replacement = replacement;
        }

        public int Start { get; }
        public int Length { get; }
        public string Replacement { get; }

        public static TextEdit Insert(int at, string text) => new TextEdit(at, 0, text);

        public static TextEdit Delete(int from, int to) => new TextEdit(from, to - from, "");

        /// <summary>Applies edits that do not overlap; every character outside them stays as it was.</summary>
        public static string Apply(string text, IEnumerable<TextEdit> edits)
        {
            var result = new StringBuilder(text);
            foreach (var edit in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.Length))
            {
                result.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
            }
            return result.ToString();
        }
    }

    /// <summary>Line arithmetic over finch.yaml's text, for placing whole-line edits.</summary>
    internal static class TextLines
    {
        /// <summary>Where the line holding <paramref name="index"/> starts.</summary>
        public static int LineStart(string text, int index)
        {
            var newline = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
            return newline + 1;
        }

        /// <summary>Just past the line break that ends the line holding <paramref name="index"/>; -1 when that line is the last and has none.</summary>
        public static int NextLineStart(string text, int index)
        {
            var newline = text.IndexOf('\n', index);
            return newline < 0 ? -1 : newline + 1;
        }

        /// <summary>The line break ending the line holding <paramref name="index"/>, or <paramref name="fallback"/> when it has none.</summary>
        public static string LineBreakOf(string text, int index, string fallback)
        {
            var newline = text.IndexOf('\n', index);
            if (newline < 0) return fallback;
            return newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
        }

        /// <summary>The line break just before <paramref name="lineStart"/> ("" at the start of the text).</summary>
        public static string PreviousLineBreak(string text, int lineStart)
        {
            if (lineStart == 0) return "";
            return lineStart >= 2 && text[lineStart - 2] == '\r' ? "\r\n" : "\n";
        }

        public static string LeadingWhitespace(string text, int index)
        {
            var start = LineStart(text, index);
            var end = start;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
            return text.Substring(start, end - start);
        }

        public static bool EndsWithLineBreak(string text) => text.Length > 0 && (text[text.Length - 1] == '\n' || text[text.Length - 1] == '\r');

        public static bool IsBlank(string text) => text.All(c => c == ' ' || c == '\t');
    }
}
