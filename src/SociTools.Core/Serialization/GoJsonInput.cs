using System.IO;

namespace SociTools.Core.Serialization
{
    /// <summary>Rewrites JSON text so System.Text.Json reads the strings Go's decoder would read.</summary>
    /// <remarks>
    /// Go turns each invalid UTF-8 byte and each unpaired <c>\uD800</c>-style escape into U+FFFD,
    /// where System.Text.Json throws. Rewriting both up front keeps the readers simple.
    /// </remarks>
    internal static class GoJsonInput
    {
        private static readonly byte[] ReplacementCharacter = { 0xEF, 0xBF, 0xBD };
        private static readonly byte[] ReplacementEscape = { (byte)'\\', (byte)'u', (byte)'f', (byte)'f', (byte)'f', (byte)'d' };

        public static byte[] Normalize(byte[] json)
        {
            if (!NeedsRewrite(json)) return json;
            var output = new MemoryStream(json.Length + 16);
            var inString = false;
            var i = 0;
            while (i < json.Length)
            {
                var b = json[i];
                if (b >= 0x80)
                {
                    var length = Utf8Rune.DecodeLength(json, i, out _);
                    if (length == 0)
                    {
                        output.Write(ReplacementCharacter, 0, ReplacementCharacter.Length);
                        i++;
                    }
                    else
                    {
                        output.Write(json, i, length);
                        i += length;
                    }
                    continue;
                }
                if (b == (byte)'"')
                {
                    inString = !inString;
                }
                else if (inString && b == (byte)'\\' && i + 1 < json.Length)
                {
                    var escapeLength = CopyEscape(json, i, output);
                    i += escapeLength;
                    continue;
                }
                output.WriteByte(b);
                i++;
            }
            return output.ToArray();
        }

        private static int CopyEscape(byte[] json, int start, MemoryStream output)
        {
            var unit = ReadUnicodeEscape(json, start);
            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                var low = ReadUnicodeEscape(json, start + 6);
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    output.Write(json, start, 12);
                    return 12;
                }
            }
            if (unit >= 0xD800 && unit <= 0xDFFF)
            {
                output.Write(ReplacementEscape, 0, ReplacementEscape.Length);
                return 6;
            }
            // Any other escape is two bytes (or a well-formed \uXXXX whose tail is copied as plain bytes).
            output.Write(json, start, 2);
            return 2;
        }

        private static bool NeedsRewrite(byte[] json)
        {
            var i = 0;
            while (i < json.Length)
            {
                var b = json[i];
                if (b >= 0x80)
                {
                    var length = Utf8Rune.DecodeLength(json, i, out _);
                    if (length == 0) return true;
                    i += length;
                    continue;
                }
                if (b == (byte)'\\' && ReadUnicodeEscape(json, i) is var unit && unit >= 0xD800 && unit <= 0xDFFF) return true;
                i += b == (byte)'\\' ? 2 : 1;
            }
            return false;
        }

        /// <summary>The UTF-16 unit of a <c>\uXXXX</c> escape at <paramref name="start"/>, or -1.</summary>
        private static int ReadUnicodeEscape(byte[] json, int start)
        {
            if (start + 6 > json.Length || json[start] != (byte)'\\' || json[start + 1] != (byte)'u') return -1;
            var value = 0;
            for (var k = start + 2; k < start + 6; k++)
            {
                var digit = HexValue(json[k]);
                if (digit < 0) return -1;
                value = (value << 4) | digit;
            }
            return value;
        }

        private static int HexValue(byte b)
        {
            if (b >= '0' && b <= '9') return b - '0';
            if (b >= 'a' && b <= 'f') return b - 'a' + 10;
            if (b >= 'A' && b <= 'F') return b - 'A' + 10;
            return -1;
        }
    }
}
