using System;
using System.Collections.Generic;
using SociTools.Core.Finch.Output;

namespace SociTools.Core.Finch.Run
{
    /// <summary>
    /// Sorts the lines of <c>finch pull</c>/<c>finch run</c> into progress rows, finch log lines (<c>soci:</c> ones read into
    /// events) and the container's own output, keeping what the lazy-loading verdict needs.
    /// </summary>
    internal sealed class RunOutputSorter
    {
        private readonly IProgress<SociRunEvent>? _events;
        private readonly List<SociLogEvent> _sociEvents = new List<SociLogEvent>();

        public RunOutputSorter(IProgress<SociRunEvent>? events)
        {
            _events = events;
        }

        public PullProgress Progress { get; } = new PullProgress();

        public IReadOnlyList<SociLogEvent> SociEvents => _sociEvents;

        /// <summary>True once finch logged a fatal line: it failed before or instead of running the container.</summary>
        public bool SawFatal { get; private set; }

        /// <summary>When true, stdout is finch's own (a pull's progress, a detached run's container ID), not the container's.</summary>
        public bool StandardOutputIsFinchs { get; set; }

        /// <summary>The last non-empty stdout line that was not progress (a detached run's container ID).</summary>
        public string? LastStandardOutputLine { get; private set; }

        public void Accept(ProcessOutputLine line)
        {
            var text = TerminalText.Strip(line.Text);
            var fromContainer = line.Stream == ProcessOutputStream.StandardError || !StandardOutputIsFinchs;
            if (text.Trim().Length == 0)
            {
                // A blank line the container printed is output; what is left of a terminal redraw code is not.
                if (fromContainer && line.Text.IndexOf('\x1b') < 0)
                {
                    _events?.Report(line.Stream == ProcessOutputStream.StandardOutput ? SociRunEvent.Output(text) : SociRunEvent.Error(text));
                }
                return;
            }
            // A run's own pull progress is on stderr (finch.md §3.5); the container's stdout may print anything, even "elapsed: 0.5 s".
            var progress = fromContainer && line.Stream == ProcessOutputStream.StandardOutput ? ProgressInput.NotProgress : Progress.Accept(text);
            if (progress == ProgressInput.BlockEnd) _events?.Report(SociRunEvent.FromProgress(Progress));
            if (progress != ProgressInput.NotProgress) return;
            if (line.Stream == ProcessOutputStream.StandardOutput)
            {
                LastStandardOutputLine = text;
                if (!StandardOutputIsFinchs) _events?.Report(SociRunEvent.Output(text));
                return;
            }
            var log = FinchLogLine.From(new ProcessOutputLine(line.Stream, text));
            if (log.Level == FinchLogLevel.None)
            {
                _events?.Report(SociRunEvent.Error(text));
                return;
            }
            if (log.Level == FinchLogLevel.Fatal) SawFatal = true;
            var soci = SociLogEvent.TryParse(log.Level.ToString().ToLowerInvariant(), log.Message);
            if (soci != null)
            {
                _sociEvents.Add(soci);
                _events?.Report(SociRunEvent.FromSoci(log.Level, soci));
            }
            else
            {
                _events?.Report(SociRunEvent.Log(log.Level, log.Message));
            }
        }
    }
}
