using System;
using System.IO;

namespace SociTools.Core.Finch
{
    /// <summary>The operating system could not start an executable (missing, not executable, wrong format).</summary>
    public sealed class ProcessStartException : IOException
    {
        public ProcessStartException(string executable, Exception inner)
            : base($"Could not start '{executable}': {inner.Message}", inner)
        {
            Executable = executable;
        }

        public string Executable { get; }
    }
}
