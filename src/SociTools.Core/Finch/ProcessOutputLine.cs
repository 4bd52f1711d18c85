namespace SociTools.Core.Finch
{
    /// <summary>Which of a child process's output streams a line came from.</summary>
    public enum ProcessOutputStream
    {
        StandardOutput,
        StandardError,
    }

    /// <summary>One line a child process wrote, without its line break; '\r' ends a line too, as progress redraws use it.</summary>
    public sealed class ProcessOutputLine
    {
        public ProcessOutputLine(ProcessOutputStream stream, string text)
        {
            Stream = stream;
            Text = text;
        }

        public ProcessOutputStream Stream { get; }

        public string Text { get; }

        public override string ToString() => (Stream == ProcessOutputStream.StandardError ? "stderr: " : "stdout: ") + Text;
    }
}
