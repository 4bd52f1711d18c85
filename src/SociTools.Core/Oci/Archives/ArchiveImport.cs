using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>
    /// Extracts an image archive into a staging directory inside the output, then moves verified blobs into the
    /// output layout; a failure leaves the output as it was (and removes it when this call created it).
    /// </summary>
    internal static class ArchiveImport
    {
        public const string DockerManifestFileName = "manifest.json";
        private const string StagingPrefix = ".extract-";

        public static async Task<ImageSource> ExtractAsync(string archivePath, string outputDirectory, bool allowDockerArchive, CancellationToken cancellationToken)
        {
            if (!File.Exists(archivePath))
            {
                throw new SociFormatException($"The archive {archivePath} does not exist.");
            }
            var outputExisted = Directory.Exists(outputDirectory);
            var outputWasEmpty = !outputExisted || !Directory.EnumerateFileSystemEntries(outputDirectory).Any();
            if (!outputWasEmpty && !OciLayout.IsLayout(outputDirectory))
            {
                throw new SociFormatException($"{outputDirectory} is not empty and is not an OCI image layout; refusing to extract {archivePath} into it.");
            }
            var staging = Path.Combine(Path.GetFullPath(outputDirectory), StagingPrefix + Guid.NewGuid().ToString("N"));
            var succeeded = false;
            try
            {
                var extracted = await SafeTarExtractor.ExtractAsync(archivePath, staging, cancellationToken).ConfigureAwait(false);
                ImageSource result;
                if (extracted.Contains(OciLayout.LayoutFileName) && extracted.Contains(OciLayout.IndexFileName))
                {
                    var layout = await ExtractedLayoutImport.ImportAsync(extracted, outputDirectory, staging, cancellationToken).ConfigureAwait(false);
                    result = new ImageSource(ImageSourceKind.OciArchive, layout);
                }
                else if (extracted.Contains(DockerManifestFileName))
                {
                    if (!allowDockerArchive)
                    {
                        throw new SociFormatException($"{archivePath} is a docker save archive, not an OCI archive (it has manifest.json but no oci-layout); open it as a docker archive.");
                    }
                    var layout = await DockerImageImport.ImportAsync(extracted, outputDirectory, staging, cancellationToken).ConfigureAwait(false);
                    result = new ImageSource(ImageSourceKind.DockerArchive, layout);
                }
                else
                {
                    throw new SociFormatException($"{archivePath} is neither an OCI archive (no oci-layout and index.json) nor a docker save archive (no manifest.json).");
                }
                succeeded = true;
                return result;
            }
            finally
            {
                DeleteDirectoryQuietly(staging);
                if (!succeeded && !outputExisted) DeleteDirectoryQuietly(outputDirectory);
                else if (!succeeded && outputWasEmpty) EmptyDirectoryQuietly(outputDirectory);
            }
        }

        // Only called on a directory that was empty before this import, so everything in it was written here.
        private static void EmptyDirectoryQuietly(string directory)
        {
            if (!Directory.Exists(directory)) return;
            foreach (var child in Directory.GetDirectories(directory)) DeleteDirectoryQuietly(child);
            foreach (var file in Directory.GetFiles(directory)) AtomicFile.DeleteQuietly(file);
        }

        private static void DeleteDirectoryQuietly(string directory)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Leftover staging files hold no blob names; the layout stays valid without cleaning them.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
