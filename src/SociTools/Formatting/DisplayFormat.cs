using System;
using System.Collections;
using System.Globalization;
using System.Linq;

namespace SociTools.Formatting
{
    /// <summary>
    /// How SociTools.Format.ps1xml shows values at the prompt: short digests, sizes in KiB/MiB/GiB, lists on one line.
    /// The objects keep the whole values; only their views call these.
    /// </summary>
    public static class DisplayFormat
    {
        private const int ShownHexDigits = 12;
        private static readonly string[] Units = { "KiB", "MiB", "GiB", "TiB" };

        /// <summary><c>sha256:abcdef012345…</c>: the algorithm and the first 12 hex digits, as much as a person compares by eye.</summary>
        public static string ShortDigest(string? digest)
        {
            if (string.IsNullOrEmpty(digest)) return "";
            var colon = digest!.IndexOf(':');
            return digest.Length - colon - 1 <= ShownHexDigits ? digest : digest.Substring(0, colon + 1 + ShownHexDigits) + "…";
        }

        /// <summary>Bytes below 1 KiB as bytes, larger sizes with one decimal in binary units (<c>12.0 MiB</c>).</summary>
        public static string Size(long? bytes)
        {
            if (bytes == null) return "";
            if (Math.Abs(bytes.Value) < 1024) return bytes.Value.ToString(CultureInfo.CurrentCulture) + " B";
            double value = bytes.Value;
            var unit = -1;
            do
            {
                value /= 1024;
                unit++;
            }
            while (Math.Abs(value) >= 1024 && unit < Units.Length - 1);
            return value.ToString("0.0", CultureInfo.CurrentCulture) + " " + Units[unit];
        }

        /// <summary>A list on one line, comma-separated; a single value as itself.</summary>
        public static string Join(object? values)
        {
            if (values == null) return "";
            if (values is string text) return text;
            return values is IEnumerable items ? string.Join(", ", items.Cast<object?>().Select(i => i?.ToString() ?? "")) : values.ToString() ?? "";
        }

        /// <summary>Spans of a file: <c>3</c> for one span, <c>3-5</c> for several.</summary>
        public static string SpanRange(int start, int end) =>
            start == end ? start.ToString(CultureInfo.InvariantCulture) : start.ToString(CultureInfo.InvariantCulture) + "-" + end.ToString(CultureInfo.InvariantCulture);

        /// <summary>A duration as a person reads it: <c>850 ms</c>, <c>12.3 s</c>, <c>4m 05s</c>, <c>1h 02m</c>.</summary>
        public static string Duration(TimeSpan elapsed)
        {
            if (elapsed.TotalSeconds < 1) return ((int)elapsed.TotalMilliseconds).ToString(CultureInfo.CurrentCulture) + " ms";
            if (elapsed.TotalMinutes < 1) return elapsed.TotalSeconds.ToString("0.0", CultureInfo.CurrentCulture) + " s";
            if (elapsed.TotalHours < 1) return $"{(int)elapsed.TotalMinutes}m {elapsed.Seconds:00}s";
            return $"{(int)elapsed.TotalHours}h {elapsed.Minutes:00}m";
        }

        /// <summary>A yes/no/unknown answer for a nullable flag such as LazilyLoaded.</summary>
        public static string YesNo(bool? value) => value == null ? "unknown" : value.Value ? "yes" : "no";
    }
}
