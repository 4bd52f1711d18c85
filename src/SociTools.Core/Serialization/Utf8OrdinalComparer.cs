using System.Collections.Generic;

namespace SociTools.Core.Serialization
{
    /// <summary>Orders strings by their UTF-8 bytes, which is how Go sorts map keys.</summary>
    /// <remarks>UTF-16 ordinal order differs for characters above U+E000 versus surrogate pairs.</remarks>
    public sealed class Utf8OrdinalComparer : IComparer<string>
    {
        public static readonly Utf8OrdinalComparer Instance = new Utf8OrdinalComparer();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return -1;
            if (y == null) return 1;
            var i = 0;
            var j = 0;
            while (i < x.Length && j < y.Length)
            {
                var a = NextCodePoint(x, ref i);
                var b = NextCodePoint(y, ref j);
                if (a != b) return a.CompareTo(b);
            }
            return (x.Length - i).CompareTo(y.Length - j);
        }

        // Code-point order equals UTF-8 byte order.
        private static int NextCodePoint(string text, ref int index)
        {
            var c = text[index++];
            if (char.IsHighSurrogate(c) && index < text.Length && char.IsLowSurrogate(text[index]))
            {
                return char.ConvertToUtf32(c, text[index++]);
            }
            return char.IsSurrogate(c) ? 0xFFFD : c;
        }
    }
}
