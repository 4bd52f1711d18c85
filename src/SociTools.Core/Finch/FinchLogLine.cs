namespace SociTools.Core.Finch
{
    /// <summary>Levels of finch's logrus lines; <see cref="None"/> for output that is not a log line.</summary>
    public enum FinchLogLevel
    {
        None,
        Debug,
        Info,
        Warning,
        Error,
        Fatal,
    }

    /// <summary>One line of finch output read as a log entry, in whichever of logrus's two forms it came.</summary>
    public sealed class FinchLogLine
    {
        public FinchLogLine(FinchLogLevel level, string message, ProcessOutputStream stream)
        {
            Level = level;
            Message = message;
            Stream = stream;
        }

        public FinchLogLevel Level { get; }

        public string Message { get; }

        public ProcessOutputStream Stream { get; }

        public static FinchLogLine From(ProcessOutputLine line)
        {
            var (level, message) = FinchLogMessage.Parse(line.Text);
            return new FinchLogLine(ToLevel(level), message, line.Stream);
        }

        public override string ToString() => Level == FinchLogLevel.None ? Message : $"{Level}: {Message}";

        private static FinchLogLevel ToLevel(string level) => level switch
        {
            "debug" or "trace" or "trac" => FinchLogLevel.Debug,
            "info" => FinchLogLevel.Info,
            "warning" or "warn" => FinchLogLevel.Warning,
            "error" => FinchLogLevel.Error,
            "fatal" or "panic" or "pani" => FinchLogLevel.Fatal,
            _ => FinchLogLevel.None,
        };
    }
}
