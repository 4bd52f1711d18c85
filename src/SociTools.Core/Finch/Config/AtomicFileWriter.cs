using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// Replaces a file so that readers see the old or the new content, never a part: the new bytes go to a
    /// temporary file in the same folder, which then takes the file's place; the previous file is kept as
    /// <c>&lt;name&gt;.bak</c> (replacing any older backup). A symbolic link is followed and stays a link.
    /// </summary>
    internal static class AtomicFileWriter
    {
        public const string BackupSuffix = ".bak";

        /// <summary>Writes <paramref name="content"/>; returns the backup's path, or null when there was no previous file.</summary>
        /// <param name="expectedCurrent">What the file held when the change was planned (null: absent); anything else means someone else wrote it meanwhile.</param>
        public static async Task<string?> ReplaceAsync(string path, byte[] content, byte[]? expectedCurrent, CancellationToken cancellationToken)
        {
            // A link is kept: its target takes the new content, and the backup sits beside the target.
            path = SymbolicLinks.FinalPath(path);
            var folder = CreateFolder(path);
            var current = await FinchConfigFile.ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (!SameContent(current, expectedCurrent))
            {
                throw new FinchConfigException(path, "the file changed while SociTools was editing it (finch itself rewrites it at each command); nothing was written. Run the command again.",
                    problem: FinchConfigProblem.ChangedMeanwhile);
            }
            var temporary = TemporaryPath(folder, path);
            var previous = current != null ? TemporaryPath(folder, path) : null;
            try
            {
                try
                {
                    await WriteTemporaryAsync(path, temporary, content, current != null, cancellationToken).ConfigureAwait(false);
                    if (previous == null)
                    {
                        File.Move(temporary, path);
                        return null;
                    }
                    // The old content goes aside first and becomes the backup only once the new file is in place,
                    // so a replacement that fails leaves the older backup as it was.
                    File.Copy(path, previous);
                    File.Replace(temporary, path, null, ignoreMetadataErrors: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw Unchanged(e, path, folder);
                }
                var backup = path + BackupSuffix;
                try
                {
                    if (File.Exists(backup)) File.Replace(previous, backup, null, ignoreMetadataErrors: true);
                    else File.Move(previous, backup);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    var kept = previous;
                    previous = null;
                    throw new IOException($"{path}: the change was written, but the previous file could not be kept as {backup} ({e.Message}); it is at {kept}.", e);
                }
                previous = null;
                return backup;
            }
            finally
            {
                AtomicFile.DeleteQuietly(temporary);
                if (previous != null) AtomicFile.DeleteQuietly(previous);
            }
        }

        /// <summary>
        /// Takes the lock that writers of the file hold around reading, checking and replacing it
        /// (<c>&lt;name&gt;.lock</c> beside the file a link points to), creating the folder when needed.
        /// </summary>
        /// <exception cref="FileLockTimeoutException">Another writer held the lock for all of <paramref name="wait"/>.</exception>
        public static async Task<FileLock> LockAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
        {
            path = SymbolicLinks.FinalPath(path);
            var folder = CreateFolder(path);
            try
            {
                return await FileLock.AcquireAsync(FileLock.PathFor(path), path, wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && !(e is FileLockTimeoutException)))
            {
                throw Unchanged(e, path, folder);
            }
        }

        private static string CreateFolder(string path)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            try
            {
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    OwnerOnlyModes.ApplyToFolder(folder);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Unchanged(e, path, folder);
            }
            return folder;
        }

        private static async Task WriteTemporaryAsync(string path, string temporary, byte[] content, bool copyPermissions, CancellationToken cancellationToken)
        {
            if (copyPermissions)
            {
                // A copy carries the file's permissions (finch.yaml is 0600) over to its replacement.
                File.Copy(path, temporary);
            }
            using (var stream = new FileStream(temporary, copyPermissions ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await stream.WriteAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            // A new file gets the mode Finch writes its own with.
            if (!copyPermissions) OwnerOnlyModes.ApplyToFile(temporary);
        }

        /// <summary>The error for a write that failed before the file was replaced: it names finch.yaml, not a temporary file.</summary>
        private static Exception Unchanged(Exception e, string path, string folder)
        {
            var denied = e is UnauthorizedAccessException;
            var message = $"{path}: the file could not be written ({(denied ? "access was denied" : e.Message.TrimEnd('.'))}), so nothing was changed. " +
                $"SociTools writes the new content to a temporary file and renames it over the file (with {Path.GetFileName(FileLock.PathFor(path))} beside it held as a lock), so {folder} must be writable as well as the file.";
            return denied ? new UnauthorizedAccessException(message, e) : new IOException(message, e);
        }

        private static string TemporaryPath(string folder, string path) =>
            Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("n") + ".tmp");

        private static bool SameContent(byte[]? a, byte[]? b) => a == null || b == null ? a == b : a.SequenceEqual(b);
    }
}
