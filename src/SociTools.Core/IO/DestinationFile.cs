using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.IO
{
    /// <summary>Writes a file a user asked for through a temporary sibling, so a failed write never leaves a partial file behind.</summary>
    public static class DestinationFile
    {
        /// <summary>The name the temporary sibling starts with.</summary>
        public const string TemporaryPrefix = ".socitools-";

        /// <summary>
        /// Runs <paramref name="write"/> into a temporary sibling of <paramref name="destination"/>, then moves it into place in one
        /// step. Without <paramref name="overwrite"/>, a file found there at that moment (even one created during the write) is kept
        /// and <see cref="DestinationExistsException"/> thrown; with it, that file is replaced by one rename.
        /// </summary>
        public static async Task<T> WriteAsync<T>(string destination, bool overwrite, Func<Stream, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        {
            if (write == null) throw new ArgumentNullException(nameof(write));
            var fullPath = Path.GetFullPath(destination);
            var folder = Path.GetDirectoryName(fullPath)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The folder of the destination, '{folder}', does not exist.");
            }
            var temporary = Path.Combine(folder, TemporaryPrefix + Guid.NewGuid().ToString("n") + ".tmp");
            try
            {
                T result;
                using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    result = await write(output, cancellationToken).ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                AtomicFile.MoveIntoPlace(temporary, fullPath, overwrite);
                return result;
            }
            finally
            {
                AtomicFile.DeleteQuietly(temporary);
            }
        }
    }
}
