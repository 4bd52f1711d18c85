using System;
using System.Collections.Generic;

namespace SociTools.Core.Finch
{
    /// <summary>What a child process gets besides its arguments.</summary>
    public sealed class ProcessRunOptions
    {
        /// <summary>Variables set (or, with a null value, removed) in the child's environment on top of ours.</summary>
        public IReadOnlyDictionary<string, string?>? Environment { get; set; }

        /// <summary>Called with each output line as it arrives; calls never overlap.</summary>
        public Action<ProcessOutputLine>? OnLine { get; set; }

        /// <summary>Text written to the child's stdin, which is then closed; without it stdin is closed at once.</summary>
        public string? StandardInput { get; set; }

        public string? WorkingDirectory { get; set; }
    }
}
