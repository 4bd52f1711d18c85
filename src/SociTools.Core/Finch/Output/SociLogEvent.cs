using System;
using System.Globalization;
using System.Text.RegularExpressions;
using SociTools.Core.Oci;

namespace SociTools.Core.Finch.Output
{
    /// <summary>A <c>soci: &lt;text&gt;</c> log line from finch/nerdctl, read into what it reports.</summary>
    public sealed class SociLogEvent
    {
        private const string Prefix = "soci: ";
        private const string DigestPattern = @"sha256:[0-9a-f]{64}";

        private static readonly Regex LayerIndexedShape = new Regex(
            $@"^layer (?<layer>{DigestPattern}) -> ztoc (?<ztoc>{DigestPattern})(?<exists> \(already exists\))?", RegexOptions.CultureInvariant);
        private static readonly Regex SkippedSmallShape = new Regex(
            $@"^ztoc skipped - layer (?<layer>{DigestPattern}) \((?<type>[^)]*)\) size (?<size>\d+) is less than min-layer-size (?<min>\d+)", RegexOptions.CultureInvariant);
        private static readonly Regex SkippedOtherShape = new Regex(
            $@"^ztoc skipped - layer (?<layer>{DigestPattern})(?: \((?<type>[^)]*)\))?\s*(?<reason>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex DigestShape = new Regex(DigestPattern, RegexOptions.CultureInvariant);

        private SociLogEvent(string level, string text, SociLogEventKind kind)
        {
            Level = level;
            Text = text;
            Kind = kind;
        }

        /// <summary>The logrus level of the line (<c>info</c>, <c>error</c>, …).</summary>
        public string Level { get; }

        /// <summary>The message after the first <c>soci: </c>.</summary>
        public string Text { get; }

        public SociLogEventKind Kind { get; }

        public Digest? LayerDigest { get; private set; }

        public Digest? ZtocDigest { get; private set; }

        /// <summary>The index or artifact digest of the push and existing-index lines.</summary>
        public Digest? Digest { get; private set; }

        /// <summary>True when soci reused a zTOC it already had.</summary>
        public bool AlreadyExists { get; private set; }

        public string? LayerMediaType { get; private set; }

        public long? LayerSize { get; private set; }

        public long? MinLayerSize { get; private set; }

        /// <summary>Why a layer was skipped, in soci's words.</summary>
        public string? SkipReason { get; private set; }

        /// <summary>Reads a logrus message (see <see cref="FinchLogMessage.Parse"/>); null when it is not a logged <c>soci:</c> line.</summary>
        public static SociLogEvent? TryParse(string level, string message)
        {
            // An empty level means the line was not logrus output (a container printing "soci: …" is not soci).
            if (level.Length == 0 || !message.StartsWith(Prefix, StringComparison.Ordinal)) return null;
            var text = message.Substring(Prefix.Length).Trim();
            var layer = LayerIndexedShape.Match(text);
            if (layer.Success)
            {
                return new SociLogEvent(level, text, SociLogEventKind.LayerIndexed)
                {
                    LayerDigest = Oci.Digest.Parse(layer.Groups["layer"].Value),
                    ZtocDigest = Oci.Digest.Parse(layer.Groups["ztoc"].Value),
                    AlreadyExists = layer.Groups["exists"].Success,
                };
            }
            var small = SkippedSmallShape.Match(text);
            if (small.Success)
            {
                return new SociLogEvent(level, text, SociLogEventKind.LayerSkipped)
                {
                    LayerDigest = Oci.Digest.Parse(small.Groups["layer"].Value),
                    LayerMediaType = small.Groups["type"].Value,
                    LayerSize = ParseLong(small.Groups["size"].Value),
                    MinLayerSize = ParseLong(small.Groups["min"].Value),
                    SkipReason = "smaller than the minimum layer size",
                };
            }
            var skipped = SkippedOtherShape.Match(text);
            if (skipped.Success)
            {
                return new SociLogEvent(level, text, SociLogEventKind.LayerSkipped)
                {
                    LayerDigest = Oci.Digest.Parse(skipped.Groups["layer"].Value),
                    LayerMediaType = skipped.Groups["type"].Success ? skipped.Groups["type"].Value : null,
                    SkipReason = skipped.Groups["reason"].Value.Trim(),
                };
            }
            if (text.StartsWith("checking if a soci index already exists", StringComparison.Ordinal))
            {
                return new SociLogEvent(level, text, SociLogEventKind.CheckingExistingIndex);
            }
            if (text.IndexOf("soci index found in remote repository", StringComparison.Ordinal) >= 0)
            {
                return WithDigest(new SociLogEvent(level, text, SociLogEventKind.ExistingIndexFound));
            }
            if (text.StartsWith("pushing soci index with digest", StringComparison.Ordinal))
            {
                return WithDigest(new SociLogEvent(level, text, SociLogEventKind.PushingIndex));
            }
            if (text.StartsWith("pushing artifact with digest", StringComparison.Ordinal))
            {
                return WithDigest(new SociLogEvent(level, text, SociLogEventKind.PushingArtifact));
            }
            if (text.StartsWith("successfully pushed artifact with digest", StringComparison.Ordinal))
            {
                return WithDigest(new SociLogEvent(level, text, SociLogEventKind.PushedArtifact));
            }
            if (text.StartsWith("skipped artifact with digest", StringComparison.Ordinal))
            {
                return WithDigest(new SociLogEvent(level, text, SociLogEventKind.SkippedArtifact));
            }
            // soci's own fatal errors carry its prefix too, so nerdctl's line reads "soci: soci: …".
            var failure = text.StartsWith(Prefix, StringComparison.Ordinal) ? text.Substring(Prefix.Length).Trim() : null;
            if (failure != null)
            {
                var kind = failure.StartsWith("no ztocs created", StringComparison.Ordinal) ? SociLogEventKind.NoZtocsCreated : SociLogEventKind.Failed;
                return new SociLogEvent(level, failure, kind);
            }
            return new SociLogEvent(level, text, SociLogEventKind.Other);
        }

        private static SociLogEvent WithDigest(SociLogEvent logEvent)
        {
            var match = DigestShape.Match(logEvent.Text);
            if (match.Success) logEvent.Digest = Oci.Digest.Parse(match.Value);
            return logEvent;
        }

        private static long? ParseLong(string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;

        public override string ToString() => "soci: " + Text;
    }
}
