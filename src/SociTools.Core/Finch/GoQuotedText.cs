using System.Globalization;
using System.Text;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// Reads the inside of a Go-quoted string (<c>%q</c>, which logrus uses for <c>msg="…"</c>). Lines that only look like
    /// logrus (a container's own stderr) may hold any backslash, so an escape Go never writes stays as it was.
    /// </summary>
    internal static class GoQuotedText
    {
        public static string Unquote(string quoted)
        {
            if (quoted.IndexOf('\\') < 0) return quoted;
            var text = new StringBuilder(quoted.Length);
            for (var i = 0; i < quoted.Length; i++)
            {
                var c = quoted[i];
                if (c != '\\' || i + 1 == quoted.Length)
                {
                    text.Append(c);
                    continue;
                }
                var escape = quoted[i + 1];
                var simple = Simple(escape);
                if (simple.HasValue)
                {
                    text.Append(simple.Value);
                    i++;
                    continue;
                }
                var digits = escape == 'x' ? 2 : escape == 'u' ? 4 : escape == 'U' ? 8 : 0;
                if (digits > 0 && TryHex(quoted, i + 2, digits, out var codePoint))
                {
                    text.Append(char.ConvertFromUtf32(codePoint));
                    i += 1 + digits;
                    continue;
                }
                text.Append(c);
            }
            return text.ToString();
        }

        private static char? Simple(char escape) => escape switch
        {
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            _ => (char?)null,
        };

        private static bool TryHex(string text, int start, int digits, out int codePoint)
        {
            codePoint = 0;
            if (start + digits > text.Length) return false;
            if (!int.TryParse(text.Substring(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint)) return false;
            // A surrogate or a value beyond Unicode is not a character Go would have escaped this way.
            return codePoint >= 0 && codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF);
        }
    }
}
