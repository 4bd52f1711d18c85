using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.IO
{
    /// <summary>
    /// A lock file held open with <see cref="FileShare.None"/>, so that read-check-write sequences of several
    /// processes take turns. Windows enforces the share mode; .NET on Unix takes an advisory <c>flock</c> for it,
    /// which every SociTools process asks for the same way. The file stays in place when released: deleting it
    /// would let a waiter lock a file no longer on the path while a newcomer locks its replacement.
    /// </summary>
    public sealed class FileLock : IDisposable
    {
        /// <summary>Long enough for any other SociTools command to finish its write; an edit under the lock takes milliseconds.</summary>
        public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

        private const int SharingViolation = unchecked((int)0x80070020);
        private const int LockViolation = unchecked((int)0x80070021);
        private const int LinuxWouldBlock = 11;
        private const int BsdWouldBlock = 35;
        private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

        private readonly FileStream _handle;

        private FileLock(string path, FileStream handle)
        {
            Path = path;
            _handle = handle;
        }

        /// <summary>The lock file.</summary>
        public string Path { get; }

        /// <summary>The lock file that guards <paramref name="guardedFile"/>: <c>&lt;name&gt;.lock</c> beside it.</summary>
        public static string PathFor(string guardedFile) => guardedFile + ".lock";

        /// <summary>Takes the lock, waiting at most <paramref name="wait"/> while another holder has it.</summary>
        /// <param name="guarding">What the lock protects, for the error (e.g. "the layout's index.json").</param>
        /// <exception cref="FileLockTimeoutException">Another holder kept the lock for the whole wait.</exception>
        public static async Task<FileLock> AcquireAsync(string path, string guarding, TimeSpan wait, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + wait;
            var pause = TimeSpan.FromMilliseconds(5);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return new FileLock(path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException e) when (IsHeldElsewhere(e))
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) throw new FileLockTimeoutException(path, guarding, wait, e);
                    await Task.Delay(Min(pause, left), cancellationToken).ConfigureAwait(false);
                    pause = Min(TimeSpan.FromTicks(pause.Ticks * 2), LongestPause);
                }
            }
        }

        public void Dispose() => _handle.Dispose();

        private static bool IsHeldElsewhere(IOException e) =>
            e.HResult == SharingViolation || e.HResult == LockViolation || e.HResult == LinuxWouldBlock || e.HResult == BsdWouldBlock;

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
