using System;

namespace SociTools.Core.Finch
{
    /// <summary>The finch CLI is missing or a finch command failed; the message carries finch's own words.</summary>
    public class FinchException : Exception
    {
        public FinchException(string message, int? exitCode = null) : base(message)
        {
            ExitCode = exitCode;
        }

        public FinchException(string message, Exception inner) : base(message, inner)
        {
        }

        public int? ExitCode { get; }
    }
}
