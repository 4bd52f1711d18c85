using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

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
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            var current = await FinchConfigFile.ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (!SameContent(current, expectedCurrent))
            {
                throw new FinchConfigException(path, "the file changed while SociTools was editing it (finch itself rewrites it at each command); nothing was written. Run the command again.",
                    problem: FinchConfigProblem.ChangedMeanwhile);
            }
            var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("n") + ".tmp");
            try
            {
                if (current != null)
                {
                    // A copy carries the file's permissions (finch.yaml is 0600) over to its replacement.
                    File.Copy(path, temporary);
                }
                using (var stream = new FileStream(temporary, current != null ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
                {
                    await stream.WriteAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }
                if (current == null)
                {
                    File.Move(temporary, path);
                    return null;
                }
                var backup = path + BackupSuffix;
                File.Replace(temporary, path, backup, ignoreMetadataErrors: true);
                return backup;
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        private static bool SameContent(byte[]? a, byte[]? b) => a == null || b == null ? a == b : a.SequenceEqual(b);
    }
}
