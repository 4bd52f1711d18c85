using System;

namespace SociTools.Core.Finch
{
    /// <summary>The finch CLI is missing or a finch command failed; the message carries finch's own words.</summary>
    public sealed class FinchException : Exception
    {
        public FinchException(string message, int? exitCode = null) : base(message)
        {
            ExitCode = exitCode;
        }

        public int? ExitCode { get; }
    }
}
