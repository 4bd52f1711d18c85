using System;
using System.Management.Automation;
using SociTools.Core.Finch;

namespace SociTools.Hosting
{
    /// <summary>
    /// Shows finch's log lines in PowerShell's streams: INFO as the progress status (and verbose), WARN as a warning,
    /// DEBU as debug, everything else as verbose (a failure's own words reach the user in the error record).
    /// </summary>
    internal sealed class FinchLogStreams
    {
        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private bool _progressShown;

        public FinchLogStreams(Cmdlet cmdlet, string activity, int activityId = 1)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _activityId = activityId;
        }

        /// <summary>Runs on the pipeline thread: wrap it with SociCmdlet.PipelineProgress.</summary>
        public void Write(FinchLogLine line)
        {
            // An empty message (INFO[0000] alone, msg="") says nothing, and a progress record cannot carry it.
            if (line.Message.Trim().Length == 0) return;
            switch (line.Level)
            {
                case FinchLogLevel.Info:
                    Status(line.Message);
                    _cmdlet.WriteVerbose("finch: " + line.Message);
                    break;
                case FinchLogLevel.Warning:
                    _cmdlet.WriteWarning("finch: " + line.Message);
                    break;
                case FinchLogLevel.Debug:
                    _cmdlet.WriteDebug("finch: " + line.Message);
                    break;
                default:
                    _cmdlet.WriteVerbose("finch: " + line.Message);
                    break;
            }
        }

        /// <summary>Shows a step of SociTools' own (not a finch line) as the progress status.</summary>
        public void Status(string text)
        {
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, text));
            _progressShown = true;
        }

        /// <summary>Completes the progress activity, if finch said anything; call it in a finally block.</summary>
        public void Complete()
        {
            if (!_progressShown) return;
            _progressShown = false;
            try
            {
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host drops the pipeline's progress display itself.
            }
        }
    }
}
