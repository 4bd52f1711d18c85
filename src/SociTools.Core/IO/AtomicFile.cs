using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.IO
{
    /// <summary>Writes a file through a temporary sibling and a rename, so readers see the old or the new bytes, never a part.</summary>
    internal static class AtomicFile
    {
        public const string TemporaryPrefix = ".tmp-";

        public static string NewTemporaryPath(string finalPath) =>
            Path.Combine(Path.GetDirectoryName(finalPath)!, TemporaryPrefix + Guid.NewGuid().ToString("N"));

        public static async Task WriteAllBytesAsync(string path, byte[] content, CancellationToken cancellationToken)
        {
            var temporary = NewTemporaryPath(path);
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
                {
                    await stream.WriteAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                Replace(temporary, path);
            }
            finally
            {
                DeleteQuietly(temporary);
            }
        }

        /// <summary>Moves <paramref name="source"/> over <paramref name="destination"/> in one rename.</summary>
        public static void Replace(string source, string destination) => MoveIntoPlace(source, destination, overwrite: true);

        /// <summary>
        /// Moves <paramref name="source"/> to <paramref name="destination"/> in one step, with no moment where neither file is there.
        /// Without <paramref name="overwrite"/> an existing destination is refused by the move itself (see <see cref="NoClobberMove"/>),
        /// not by a check that a file created just after it would slip past; with it, one rename replaces the destination.
        /// </summary>
        /// <exception cref="DestinationExistsException">The destination exists and <paramref name="overwrite"/> is false.</exception>
        public static void MoveIntoPlace(string source, string destination, bool overwrite)
        {
            if (overwrite && File.Exists(destination))
            {
                try
                {
                    File.Replace(source, destination, null);
                    return;
                }
                catch (FileNotFoundException) when (File.Exists(source) && !File.Exists(destination))
                {
                    // Deleted meanwhile: the move below puts the file in its place.
                }
            }
            if (NoClobberMove.TryMove(source, destination)) return;
            if (!overwrite)
            {
                throw new DestinationExistsException(destination,
                    $"'{destination}' exists (it was created while the file was being written) and was kept; use -Force to overwrite it.");
            }
            File.Replace(source, destination, null);
        }

        public static void DeleteQuietly(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException)
            {
                // A leftover temporary file is harmless: its name is neither a blob nor a config file, and the error that matters is already on its way.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
