using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// Builds finch's output the way nerdctl and logrus print it (finch.md §2.4, §3.5): progress rows with a
    /// 40-character bar that always carries green ANSI codes, tabwriter padding, offsets cut to 8 characters,
    /// the elapsed line's total cut to 6, and log lines in the terminal or key=value form.
    /// </summary>
    public static class FinchOutputText
    {
        public const string Esc = "\u001b";
        public const string Erase = Esc + "[1A" + Esc + "[2K\r";

        public static string Hex(char c) => new string(c, 64);

        public static string Sha(char c) => "sha256:" + Hex(c);

        /// <summary>A row with a bar filled <paramref name="filled"/> of 38 cells; sizes only for moving statuses.</summary>
        public static string Row(string reference, string status, int filled, string? current = null, string? total = null)
        {
            var bar = "|" + Esc + "[32m" + new string('+', filled) + Esc + "[0m" + new string('-', 38 - filled) + "|";
            var line = (reference + ":").PadRight(78) + " " + status.PadRight(14) + " " + bar + " ";
            if (current != null) line += Cut(current, 8).PadLeft(8) + "/" + total + " ";
            return line;
        }

        public static string Done(string reference) => Row(reference, "done", 38);

        public static string Elapsed(double seconds, string total, string rate) =>
            ("elapsed: " + seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).PadRight(4) + "s").PadRight(78) +
            " total: " + Cut(total, 6).PadRight(7) + " (" + rate + ") ";

        /// <summary>Blocks as redirected output shows them: each one printed in full after the last.</summary>
        public static string Repeated(IEnumerable<IEnumerable<string>> blocks) =>
            string.Join("", blocks.Select(b => string.Join("\n", b) + "\n"));

        /// <summary>Blocks as a terminal shows them: each redraw erases the previous block's lines first.</summary>
        public static string Redrawn(IReadOnlyList<IReadOnlyList<string>> blocks)
        {
            var text = new StringBuilder();
            var previousLines = 0;
            foreach (var block in blocks)
            {
                for (var i = 0; i < previousLines; i++) text.Append(Erase);
                text.Append(string.Join("\n", block)).Append('\n');
                previousLines = block.Count;
            }
            return text.ToString();
        }

        public static string KeyValueLog(string level, string message) =>
            "time=\"2026-12-02T21:00:00Z\" level=" + level + " msg=\"" + message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        public static string TerminalLog(string level, string message)
        {
            var tag = level switch { "info" => "INFO", "warning" => "WARN", "error" => "ERRO", "fatal" => "FATA", _ => "DEBU" };
            return Esc + "[36m" + tag + Esc + "[0m[0003] " + message;
        }

        private static string Cut(string text, int length) => text.Length <= length ? text : text.Substring(0, length);
    }
}
