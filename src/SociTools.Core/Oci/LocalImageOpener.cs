using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;

namespace SociTools.Core.Oci
{
    /// <summary>Opens a local image to read from: a layout in place, an archive or a Finch image unpacked to a temporary layout.</summary>
    public static class LocalImageOpener
    {
        public static async Task<OpenedImage> OpenPathAsync(string path, CancellationToken cancellationToken)
        {
            if (Directory.Exists(path))
            {
                var source = await ImageSourceOpener.OpenAsync(path, null, cancellationToken).ConfigureAwait(false);
                return new OpenedImage(source.Layout, null);
            }
            var folder = NewTemporaryFolder();
            try
            {
                var source = await ImageSourceOpener.OpenAsync(path, Path.Combine(folder, "layout"), cancellationToken).ConfigureAwait(false);
                return new OpenedImage(source.Layout, folder);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }

        /// <summary>Exports a local Finch image with <c>finch save</c> and opens the archive.</summary>
        public static async Task<OpenedImage> OpenFinchImageAsync(string image, FinchImageExporter exporter, CancellationToken cancellationToken)
        {
            var folder = NewTemporaryFolder();
            try
            {
                var archive = Path.Combine(folder, "image.tar");
                await exporter.SaveAsync(image, archive, cancellationToken).ConfigureAwait(false);
                var source = await ImageSourceOpener.OpenAsync(archive, Path.Combine(folder, "layout"), cancellationToken).ConfigureAwait(false);
                File.Delete(archive);
                return new OpenedImage(source.Layout, folder);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }

        private static string NewTemporaryFolder()
        {
            var folder = Path.Combine(Path.GetTempPath(), "socitools-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
