using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Archives;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci
{
    /// <summary>Opens what a user names as an image: a layout directory as it is, an archive extracted into a layout.</summary>
    public static class ImageSourceOpener
    {
        /// <param name="path">An OCI layout directory, an OCI archive (tar of a layout), or a docker/finch save tar.</param>
        /// <param name="outputPath">Where an archive is extracted to; must be missing, empty or a layout. Unused for a directory.</param>
        public static async Task<ImageSource> OpenAsync(string path, string? outputPath, CancellationToken cancellationToken)
        {
            if (Directory.Exists(path))
            {
                return new ImageSource(ImageSourceKind.Layout, OciLayout.Open(path));
            }
            if (!File.Exists(path))
            {
                throw new SociFormatException($"{path} does not exist; give an OCI layout directory or an image archive (.tar).");
            }
            if (string.IsNullOrEmpty(outputPath))
            {
                throw new SociFormatException($"{path} is an archive file; give an output directory to extract it into as an OCI layout.");
            }
            var imported = await ArchiveImport.ExtractAsync(path, outputPath!, allowDockerArchive: true, cancellationToken).ConfigureAwait(false);
            return new ImageSource(imported.Kind, imported.Layout);
        }
    }
}
