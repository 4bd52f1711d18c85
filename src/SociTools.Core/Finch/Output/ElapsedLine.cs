using System.Globalization;
using System.Text.RegularExpressions;

namespace SociTools.Core.Finch.Output
{
    /// <summary>The line that ends each block of finch's progress table: <c>elapsed: 1.2 s total: 35.0 M (5.3 MiB/s)</c>.</summary>
    public sealed class ElapsedLine
    {
        private static readonly Regex Shape = new Regex(
            @"^elapsed:\s*(?<seconds>[\d.]+)\s*s\s+total:\s*(?<total>.*?)\s*\((?<rate>[^)]*)\)\s*$",
            RegexOptions.CultureInvariant);

        private ElapsedLine(double seconds, ProgressSize? total, string rate)
        {
            Seconds = seconds;
            Total = total;
            Rate = rate;
        }

        public double Seconds { get; }

        /// <summary>Bytes moved so far; finch cuts this to 6 characters, so the unit is often partial or missing.</summary>
        public ProgressSize? Total { get; }

        /// <summary>The rate as printed, e.g. <c>5.3 MiB/s</c>.</summary>
        public string Rate { get; }

        /// <summary>True for any line starting with <c>elapsed:</c>; only one <see cref="TryParse"/> reads ends a block.</summary>
        public static bool Starts(string line) => line.StartsWith("elapsed:", System.StringComparison.Ordinal);

        public static ElapsedLine? TryParse(string line)
        {
            var match = Shape.Match(line);
            if (!match.Success) return null;
            if (!double.TryParse(match.Groups["seconds"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return null;
            return new ElapsedLine(seconds, ProgressSize.TryParse(match.Groups["total"].Value), match.Groups["rate"].Value.Trim());
        }
    }
}
