using System.Linq;
using System.Text.RegularExpressions;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// Reads the message out of finch's logrus lines, in both forms it writes:
    /// <c>FATA[0000] message</c> on a terminal and <c>time="..." level=fatal msg="message"</c> otherwise (always on Windows).
    /// </summary>
    public static class FinchLogMessage
    {
        private static readonly Regex TerminalForm = new Regex(@"^(?<level>[A-Z]{4})\[\d+\]\s*(?<msg>.*)$");
        private static readonly Regex KeyValueForm = new Regex(@"level=(?<level>\w+)\s+msg=(?:""(?<quoted>(?:[^""\\]|\\.)*)""|(?<bare>\S+))");

        /// <summary>The most useful line of finch's stderr for an error: the last fatal or error message, else the last line.</summary>
        public static string Summarize(string stderr)
        {
            var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
            string? best = null;
            var appendingDebugLogs = false;
            foreach (var line in lines)
            {
                // On a terminal, finch's "failed to start, debug logs:" line is followed by Lima's output as raw lines
                // (themselves log lines); they belong to finch's message rather than replacing it.
                if (appendingDebugLogs && !TerminalForm.IsMatch(line))
                {
                    best += "\n" + line;
                    continue;
                }
                var (level, message) = Parse(line);
                appendingDebugLogs = false;
                if (level == "fatal" || level == "error")
                {
                    best = message;
                    appendingDebugLogs = TerminalForm.IsMatch(line) && message.EndsWith("debug logs:");
                }
            }
            return best ?? (lines.Count > 0 ? Parse(lines[lines.Count - 1]).Message : "");
        }

        public static (string Level, string Message) Parse(string line)
        {
            // On a terminal logrus colours the level (ESC[36mINFO ESC[0m[0000]).
            line = Output.TerminalText.Strip(line);
            var terminal = TerminalForm.Match(line);
            if (terminal.Success)
            {
                var level = terminal.Groups["level"].Value switch
                {
                    "FATA" => "fatal",
                    "ERRO" => "error",
                    "WARN" => "warning",
                    "INFO" => "info",
                    "DEBU" => "debug",
                    var other => other.ToLowerInvariant(),
                };
                return (level, terminal.Groups["msg"].Value.Trim());
            }
            var keyValue = KeyValueForm.Match(line);
            if (keyValue.Success)
            {
                var message = keyValue.Groups["quoted"].Success
                    ? GoQuotedText.Unquote(keyValue.Groups["quoted"].Value)
                    : keyValue.Groups["bare"].Value;
                return (keyValue.Groups["level"].Value, message);
            }
            return ("", line.Trim());
        }
    }
}
