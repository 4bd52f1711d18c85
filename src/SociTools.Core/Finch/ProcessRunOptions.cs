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

        /// <summary>
        /// How many characters of each stream the result keeps, the last ones; null keeps all. Set it for children that may
        /// print without end (a container in the foreground), whose lines reach <see cref="OnLine"/> anyway.
        /// </summary>
        public int? KeptCharacters { get; set; }
    }
}
