using System.Text.RegularExpressions;

namespace SociTools.Core.Finch.Output
{
    /// <summary>Removes what a terminal would interpret from finch's output: colour codes, cursor moves, line erases and carriage returns.</summary>
    public static class TerminalText
    {
        // CSI sequences cover both the colours (ESC[32m) and the redraw codes (ESC[1A ESC[2K).
        private static readonly Regex ControlSequence = new Regex(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.CultureInvariant);

        public static string Strip(string line)
        {
            if (line.IndexOf('\x1b') < 0 && line.IndexOf('\r') < 0) return line;
            var stripped = ControlSequence.Replace(line, "");
            // A carriage return in the middle means the text before it was overwritten on screen.
            var lastReturn = stripped.TrimEnd('\r').LastIndexOf('\r');
            if (lastReturn >= 0) stripped = stripped.Substring(lastReturn + 1);
            return stripped.Replace("\r", "");
        }
    }
}
