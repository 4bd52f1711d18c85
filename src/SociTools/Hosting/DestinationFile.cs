using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Hosting
{
    /// <summary>Writes a file through a temporary sibling, so a failed extraction never leaves a partial file behind.</summary>
    internal static class DestinationFile
    {
        public static async Task<T> WriteAsync<T>(string destination, Func<Stream, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The folder of the destination, '{folder}', does not exist.");
            }
            var temporary = Path.Combine(folder, ".socitools-" + Guid.NewGuid().ToString("n") + ".tmp");
            try
            {
                T result;
                using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    result = await write(output, cancellationToken).ConfigureAwait(false);
                }
                if (File.Exists(destination)) File.Delete(destination);
                File.Move(temporary, destination);
                return result;
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
