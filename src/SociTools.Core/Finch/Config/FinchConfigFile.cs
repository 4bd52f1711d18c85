using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Reads finch.yaml into <see cref="FinchSettings"/>; a missing file reads as Finch's defaults (no keys set).</summary>
    public static class FinchConfigFile
    {
        /// <summary>Far above any real finch.yaml (a few hundred bytes); keeps a wrong -ConfigPath from being read whole.</summary>
        public const long MaxSize = 1024 * 1024;

        /// <exception cref="FinchConfigException">The file is not valid YAML or a setting has the wrong shape (with line and column).</exception>
        public static FinchSettings Read(string path)
        {
            byte[]? bytes = null;
            using (var stream = OpenForReading(path))
            {
                if (stream != null)
                {
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    bytes = copy.ToArray();
                }
            }
            return Load(path, bytes).Settings(bytes != null);
        }

        public static async Task<FinchSettings> ReadAsync(string path, CancellationToken cancellationToken)
        {
            var bytes = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return Load(path, bytes).Settings(bytes != null);
        }

        /// <summary>Plans adding <c>soci</c> to <c>snapshotters</c> (first, as Finch's default, with <paramref name="makeDefault"/>); writes nothing.</summary>
        /// <exception cref="FinchConfigException">The file is broken or its list cannot be edited safely (with line and column).</exception>
        public static async Task<SnapshottersEdit> PlanSociEnableAsync(string path, bool makeDefault, CancellationToken cancellationToken)
        {
            var bytes = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var edit = SnapshottersEdit.Enable(Load(path, bytes), makeDefault);
            edit.OriginalBytes = bytes;
            return edit;
        }

        /// <summary>Plans removing <c>soci</c> from <c>snapshotters</c>; writes nothing.</summary>
        public static async Task<SnapshottersEdit> PlanSociDisableAsync(string path, CancellationToken cancellationToken)
        {
            var bytes = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var edit = SnapshottersEdit.Disable(Load(path, bytes));
            edit.OriginalBytes = bytes;
            return edit;
        }

        /// <summary>
        /// Writes a planned change atomically under the file's lock (<c>finch.yaml.lock</c>, held across processes),
        /// keeping the previous file as <c>finch.yaml.bak</c>; returns the backup's path (null when the file was created).
        /// Does nothing for an unchanged plan.
        /// </summary>
        /// <exception cref="FinchConfigException">The file changed since the plan was made.</exception>
        /// <exception cref="FileLockTimeoutException">Another writer held the lock for all of <see cref="FileLock.DefaultWait"/>.</exception>
        public static async Task<string?> WriteAsync(SnapshottersEdit edit, CancellationToken cancellationToken)
        {
            if (edit.Result == null) return null;
            using (await AtomicFileWriter.LockAsync(edit.ConfigPath, FileLock.DefaultWait, cancellationToken).ConfigureAwait(false))
            {
                return await AtomicFileWriter.ReplaceAsync(edit.ConfigPath, edit.Result.Encode(), edit.OriginalBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Makes a planned change under the file's lock, as <see cref="WriteAsync"/> does; when another program changed the
        /// file since the plan was made, the same change is planned again on what it holds now, so that concurrent edits
        /// all land. Returns what was done: the change written (with the backup's path), or none when the file already says
        /// what was asked.
        /// </summary>
        /// <exception cref="FinchConfigException">The file, as it is now, is broken or cannot be edited safely.</exception>
        /// <exception cref="FileLockTimeoutException">Another writer held the lock for all of <see cref="FileLock.DefaultWait"/>.</exception>
        public static async Task<(SnapshottersEdit Applied, string? BackupPath)> ApplyAsync(SnapshottersEdit planned, CancellationToken cancellationToken)
        {
            using (await AtomicFileWriter.LockAsync(planned.ConfigPath, FileLock.DefaultWait, cancellationToken).ConfigureAwait(false))
            {
                var current = await ReadBytesAsync(planned.ConfigPath, cancellationToken).ConfigureAwait(false);
                var edit = planned;
                if (!SameBytes(current, planned.OriginalBytes))
                {
                    edit = planned.Replan(Load(planned.ConfigPath, current));
                    edit.OriginalBytes = current;
                }
                if (edit.Result == null) return (edit, null);
                var backup = await AtomicFileWriter.ReplaceAsync(edit.ConfigPath, edit.Result.Encode(), edit.OriginalBytes, cancellationToken).ConfigureAwait(false);
                return (edit, backup);
            }
        }

        /// <summary>The file's bytes, or null when it does not exist.</summary>
        internal static async Task<byte[]?> ReadBytesAsync(string path, CancellationToken cancellationToken)
        {
            using var stream = OpenForReading(path);
            if (stream == null) return null;
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, 81920, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }

        /// <summary>The file opened for reading, or null when it does not exist.</summary>
        private static FileStream? OpenForReading(string path)
        {
            if (Directory.Exists(path))
            {
                throw new FinchConfigException(path, "this is a folder; give the path of the finch.yaml file itself.");
            }
            if (!File.Exists(path)) return null;
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            }
            catch (FileNotFoundException)
            {
                // A link to a file not made yet (File.Exists sees the link), or a file deleted just now: both read as absent.
                return null;
            }
            var length = stream.Length;
            if (length > MaxSize)
            {
                stream.Dispose();
                throw new FinchConfigException(path, $"the file is {length} bytes, larger than the {MaxSize} bytes SociTools reads from a finch.yaml; check the path.");
            }
            return stream;
        }

        private static bool SameBytes(byte[]? a, byte[]? b) => a == null || b == null ? a == b : a.AsSpan().SequenceEqual(b);

        internal static FinchConfigDocument Load(string path, byte[]? bytes) =>
            FinchConfigDocument.Parse(bytes == null ? FinchConfigText.Empty : FinchConfigText.Decode(bytes, path), path);
    }
}
