using System.Linq;
using System.Text.RegularExpressions;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>Makes a helper's error output safe to show: secret-named JSON values and token-like strings are redacted.</summary>
    internal static class SecretScrubber
    {
        private const string Redacted = "<redacted>";
        private const int MaxShownLength = 500;

        private static readonly Regex SecretJsonValue = new Regex(
            "(\"(?:secret|password|auth|identitytoken|registrytoken|token|access_token|refresh_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex SecretAssignment = new Regex(
            @"\b((?:secret|password|passwd|token)\s*[=:]\s*)\S+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Prose names a secret before giving it ("the stored secret is S3cret"): nothing after such a word is shown.
        private static readonly Regex AfterSecretWord = new Regex(
            @"\b(secrets?|passwords?|passwd|passphrase|tokens?)\b.*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private const int MaxLineLength = 200;

        private static readonly Regex TokenLike = new Regex(@"[A-Za-z0-9+/_\-]{24,}={0,2}", RegexOptions.CultureInvariant);

        public static string Scrub(string text)
        {
            var scrubbed = SecretJsonValue.Replace(text, m => m.Groups[1].Value + "\"" + Redacted + "\"");
            scrubbed = SecretAssignment.Replace(scrubbed, m => m.Groups[1].Value + Redacted);
            scrubbed = TokenLike.Replace(scrubbed, m => LooksLikeToken(m.Value) ? Redacted : m.Value);
            scrubbed = scrubbed.Trim();
            return scrubbed.Length > MaxShownLength ? scrubbed.Substring(0, MaxShownLength) + "..." : scrubbed;
        }

        /// <summary>
        /// The first non-blank line of a program's output, scrubbed and cut short after any word that names a secret;
        /// empty when there is none. Later lines are never shown: they are where a failing program dumps what it held.
        /// </summary>
        public static string FirstLine(string text)
        {
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                line = AfterSecretWord.Replace(Scrub(line), m => m.Groups[1].Value + " " + Redacted);
                return line.Length > MaxLineLength ? line.Substring(0, MaxLineLength) + "..." : line;
            }
            return "";
        }

        // Base64 and JWT segments mix cases and digits; paths and words rarely do, so they stay readable.
        private static bool LooksLikeToken(string candidate) =>
            candidate.Any(char.IsDigit) && candidate.Any(char.IsUpper) && candidate.Any(char.IsLower);
    }
}
