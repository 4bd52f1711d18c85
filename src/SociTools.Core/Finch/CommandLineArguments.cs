using System.Collections.Generic;
using System.Text;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// Joins arguments into one command line that splits back into exactly those arguments, by the rules
    /// Windows' CommandLineToArgvW and .NET's own splitting on Unix both follow (netstandard2.0 has no ArgumentList).
    /// </summary>
    public static class CommandLineArguments
    {
        public static string Join(IEnumerable<string> arguments)
        {
            var line = new StringBuilder();
            foreach (var argument in arguments)
            {
                if (line.Length > 0) line.Append(' ');
                AppendQuoted(line, argument);
            }
            return line.ToString();
        }

        private static void AppendQuoted(StringBuilder line, string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
            {
                line.Append(argument);
                return;
            }
            line.Append('"');
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                // Backslashes are literal unless a quote follows: then each must be doubled, and the quote escaped.
                if (c == '"')
                {
                    line.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    line.Append('\\', backslashes);
                }
                backslashes = 0;
                line.Append(c);
            }
            // The closing quote follows any trailing backslashes, so they are doubled too.
            line.Append('\\', backslashes * 2);
            line.Append('"');
        }
    }
}
