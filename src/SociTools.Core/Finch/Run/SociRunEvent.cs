using System.Collections.Generic;
using System.Globalization;
using SociTools.Core.Finch.Output;

namespace SociTools.Core.Finch.Run
{
    public enum SociRunEventKind
    {
        /// <summary>A line the container wrote on stdout.</summary>
        ContainerOutput,
        /// <summary>A line on stderr that is neither progress nor a finch log line: the container's stderr.</summary>
        ContainerError,
        /// <summary>A whole block of the pull progress table was read.</summary>
        Progress,
        /// <summary>A finch/nerdctl log line (not a <c>soci:</c> one).</summary>
        Log,
        /// <summary>A <c>soci:</c> log line.</summary>
        Soci,
    }

    /// <summary>Something finch printed while pulling and running, already sorted out for display.</summary>
    public sealed class SociRunEvent
    {
        private SociRunEvent(SociRunEventKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public SociRunEventKind Kind { get; }

        /// <summary>The line without colour codes; for log lines, the message.</summary>
        public string Text { get; }

        public FinchLogLevel Level { get; private set; }

        public SociLogEvent? Soci { get; private set; }

        /// <summary>For <see cref="SociRunEventKind.Progress"/>: every ref's latest state, in first-seen order.</summary>
        public IReadOnlyList<BlobProgress> Blobs { get; private set; } = new BlobProgress[0];

        public ElapsedLine? Elapsed { get; private set; }

        public static SociRunEvent Output(string text) => new SociRunEvent(SociRunEventKind.ContainerOutput, text);

        public static SociRunEvent Error(string text) => new SociRunEvent(SociRunEventKind.ContainerError, text);

        public static SociRunEvent Log(FinchLogLevel level, string message) => new SociRunEvent(SociRunEventKind.Log, message) { Level = level };

        public static SociRunEvent FromSoci(FinchLogLevel level, SociLogEvent soci) =>
            new SociRunEvent(SociRunEventKind.Soci, soci.ToString()) { Level = level, Soci = soci };

        public static SociRunEvent FromProgress(PullProgress progress) =>
            new SociRunEvent(SociRunEventKind.Progress, progress.LastElapsed == null ? "" : string.Format(CultureInfo.InvariantCulture, "elapsed {0:0.0} s", progress.LastElapsed.Seconds))
            {
                Blobs = progress.Blobs,
                Elapsed = progress.LastElapsed,
            };

        public override string ToString() => Kind + ": " + Text;
    }
}
