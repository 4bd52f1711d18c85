using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SociTools.Core.Finch.Output
{
    /// <summary>
    /// A byte count as finch's progress table prints it (<c>35.0 MiB</c>), which may be cut short:
    /// the downloaded offset to 8 characters (<c>106.0 Mi</c>), the elapsed line's total to 6 (<c>106.0 </c>).
    /// </summary>
    public sealed class ProgressSize
    {
        private static readonly Regex Shape = new Regex(@"^(?<value>\d+(?:\.\d*)?)\s*(?<unit>[A-Za-z]*)$", RegexOptions.CultureInvariant);
        private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

        private ProgressSize(string text, long? bytes, bool truncated)
        {
            Text = text;
            Bytes = bytes;
            Truncated = truncated;
        }

        /// <summary>What finch printed, trimmed.</summary>
        public string Text { get; }

        /// <summary>The size in bytes, to the 0.1-unit precision finch prints; null when the unit was cut off entirely.</summary>
        public long? Bytes { get; }

        /// <summary>True when finch cut the text short, so the unit was read from its first letters or is unknown.</summary>
        public bool Truncated { get; }

        /// <summary>Reads a printed size; null when the text is not a size at all.</summary>
        public static ProgressSize? TryParse(string text)
        {
            var trimmed = text.Trim();
            var match = Shape.Match(trimmed);
            if (!match.Success) return null;
            var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value;
            if (unit.Length == 0) return new ProgressSize(trimmed, null, truncated: true);
            for (var power = 0; power < Units.Length; power++)
            {
                var full = Units[power];
                if (!full.StartsWith(unit, StringComparison.Ordinal)) continue;
                var bytes = Math.Round(value * Math.Pow(1024, power));
                var truncated = unit.Length < full.Length;
                // Beyond a long the text is not a size finch could print; keep it, without a byte count.
                return bytes < long.MaxValue ? new ProgressSize(trimmed, (long)bytes, truncated) : new ProgressSize(trimmed, null, truncated);
            }
            return null;
        }

        public override string ToString() => Text;
    }
}
