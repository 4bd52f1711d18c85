namespace SociTools.Core.Serialization
{
    /// <summary>Decodes one UTF-8 sequence with the validity rules of Go's <c>utf8.DecodeRune</c>.</summary>
    internal static class Utf8Rune
    {
        /// <summary>Returns the length of the valid sequence at <paramref name="start"/>, or 0 when it is invalid.</summary>
        public static int DecodeLength(byte[] bytes, int start, out int codePoint)
        {
            codePoint = 0;
            var first = bytes[start];
            int length;
            int minimum;
            if (first >= 0xC2 && first <= 0xDF) { length = 2; codePoint = first & 0x1F; minimum = 0x80; }
            else if (first >= 0xE0 && first <= 0xEF) { length = 3; codePoint = first & 0x0F; minimum = 0x800; }
            else if (first >= 0xF0 && first <= 0xF4) { length = 4; codePoint = first & 0x07; minimum = 0x10000; }
            else return 0;

            if (start + length > bytes.Length) return 0;
            for (var k = 1; k < length; k++)
            {
                var next = bytes[start + k];
                if ((next & 0xC0) != 0x80) return 0;
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return 0;
            return length;
        }
    }
}
