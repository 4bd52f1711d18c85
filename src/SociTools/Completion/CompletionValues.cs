using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SociTools.Completion
{
    /// <summary>Turns candidate values into completion results: prefix-matched, sorted, quoted when PowerShell needs it.</summary>
    internal static class CompletionValues
    {
        private static readonly char[] NeedQuotes = " \t'\"`$;,(){}@#&|<>".ToCharArray();

        /// <summary>The text typed so far, without its quotes (PowerShell passes <c>'app/f'</c> for an unclosed <c>'app/f</c>).</summary>
        public static string Typed(string? wordToComplete)
        {
            var word = wordToComplete ?? "";
            if (word.Length == 0 || (word[0] != '\'' && word[0] != '"')) return word;
            var inner = word.Substring(1);
            return inner.Length > 0 && inner[inner.Length - 1] == word[0] ? inner.Substring(0, inner.Length - 1) : inner;
        }

        /// <summary>Results for the candidates whose value starts with what was typed, in order, each once.</summary>
        public static IEnumerable<CompletionResult> Matching(
            IEnumerable<Candidate> candidates, string? wordToComplete, Func<string, string, bool>? matches = null)
        {
            var typed = Typed(wordToComplete);
            var quote = (wordToComplete ?? "").StartsWith("\"", StringComparison.Ordinal) ? '"' : '\'';
            matches ??= (value, prefix) => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            return candidates
                .Where(c => matches(c.Value, typed))
                .GroupBy(c => c.Value, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(c => c.Value, StringComparer.Ordinal)
                .Select(c => new CompletionResult(Quoted(c.Value, quote, (wordToComplete ?? "").Length > typed.Length), c.ListItem ?? c.Value,
                    CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.ToolTip) ? c.Value : c.ToolTip));
        }

        /// <summary>A digest matches by its whole text (<c>sha256:4a…</c>) or by its hex digits alone (<c>4a…</c>).</summary>
        public static bool DigestMatches(string digest, string typed) =>
            digest.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
            || digest.Substring(digest.IndexOf(':') + 1).StartsWith(typed, StringComparison.OrdinalIgnoreCase);

        private static string Quoted(string value, char quote, bool typedWithQuote)
        {
            if (!typedWithQuote && value.IndexOfAny(NeedQuotes) < 0) return value;
            return quote == '"'
                ? "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\""
                : "'" + value.Replace("'", "''") + "'";
        }
    }

    /// <summary>One value a completer offers: what gets inserted, what the menu lists, and the tooltip.</summary>
    internal sealed class Candidate
    {
        public Candidate(string value, string? listItem = null, string? toolTip = null)
        {
            Value = value;
            ListItem = listItem;
            ToolTip = toolTip;
        }

        public string Value { get; }
        public string? ListItem { get; }
        public string? ToolTip { get; }
    }
}
