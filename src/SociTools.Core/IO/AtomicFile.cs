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
        public static void Replace(string source, string destination)
        {
            if (File.Exists(destination))
            {
                File.Replace(source, destination, null);
            }
            else
            {
                File.Move(source, destination);
            }
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
