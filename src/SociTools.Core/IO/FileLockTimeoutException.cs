using System;
using System.IO;

namespace SociTools.Core.IO
{
    /// <summary>A lock file stayed held by someone else for the whole wait; nothing was changed.</summary>
    public sealed class FileLockTimeoutException : IOException
    {
        public FileLockTimeoutException(string lockPath, string guarding, TimeSpan wait, Exception inner)
            : base($"Another program kept {guarding} locked ({lockPath}) for {wait.TotalSeconds:0.#} s, so nothing was changed. " +
                   "Another SociTools command is probably writing it; run again when it has finished.", inner)
        {
            LockPath = lockPath;
        }

        public string LockPath { get; }
    }
}
