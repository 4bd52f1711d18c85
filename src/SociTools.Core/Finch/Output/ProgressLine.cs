using System;
using System.Globalization;
using System.Text.RegularExpressions;
using SociTools.Core.Oci;

namespace SociTools.Core.Finch.Output
{
    /// <summary>One row of finch's progress table: <c>&lt;ref&gt;: &lt;status&gt; |++--| [cur/total]</c>, after <see cref="TerminalText.Strip"/>.</summary>
    public sealed class ProgressLine
    {
        private static readonly Regex Row = new Regex(
            @"^(?<ref>\S+):\s+(?<status>resolving|resolved|waiting|downloading|uploading|committing|done|exists)\s+\|[+\-]*\|(?:\s+(?<current>[\d.]+ ?[A-Za-z]*)/(?<total>[\d.]+ ?[A-Za-z]+))?\s*$",
            RegexOptions.CultureInvariant);

        private ProgressLine(string reference, ProgressRefKind kind, Digest? digest, TransferStatus status, ProgressSize? current, ProgressSize? total)
        {
            Ref = reference;
            Kind = kind;
            Digest = digest;
            Status = status;
            Current = current;
            Total = total;
        }

        /// <summary>The ref key as printed: <c>layer-sha256:…</c>, or the image reference on a pull's first line.</summary>
        public string Ref { get; }

        public ProgressRefKind Kind { get; }

        /// <summary>The blob's digest; null for the image line and for keys without one.</summary>
        public Digest? Digest { get; }

        public TransferStatus Status { get; }

        /// <summary>Bytes moved so far (downloading/uploading lines only).</summary>
        public ProgressSize? Current { get; }

        /// <summary>The blob's size (downloading/uploading lines only).</summary>
        public ProgressSize? Total { get; }

        /// <summary>Reads a row; null when the (already stripped) line is not one.</summary>
        public static ProgressLine? TryParse(string line)
        {
            var match = Row.Match(line);
            if (!match.Success) return null;
            var reference = match.Groups["ref"].Value;
            var (kind, digest) = Classify(reference);
            var status = (TransferStatus)Enum.Parse(typeof(TransferStatus), match.Groups["status"].Value, ignoreCase: true);
            var current = match.Groups["current"].Success ? ProgressSize.TryParse(match.Groups["current"].Value) : null;
            var total = match.Groups["total"].Success ? ProgressSize.TryParse(match.Groups["total"].Value) : null;
            return new ProgressLine(reference, kind, digest, status, current, total);
        }

        private static (ProgressRefKind Kind, Digest? Digest) Classify(string reference)
        {
            var dash = reference.IndexOf('-');
            if (dash > 0 && Oci.Digest.TryParse(reference.Substring(dash + 1), out var digest))
            {
                var kind = reference.Substring(0, dash).ToLowerInvariant() switch
                {
                    "index" => ProgressRefKind.Index,
                    "manifest" => ProgressRefKind.Manifest,
                    "config" => ProgressRefKind.Config,
                    "layer" => ProgressRefKind.Layer,
                    _ => ProgressRefKind.Unknown,
                };
                return (kind, digest);
            }
            return (ProgressRefKind.Image, null);
        }

        public override string ToString() => Ref + ": " + Status.ToString().ToLower(CultureInfo.InvariantCulture);
    }
}
