using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>A tar (plain or gzip-compressed) of an OCI image layout, as <c>soci convert --format oci-archive</c> and nerdctl save write.</summary>
    public static class OciArchive
    {
        /// <summary>
        /// Extracts the archive into a layout at <paramref name="outputLayoutDir"/> (missing, empty, or a layout to add to),
        /// checking every blob's digest; entries that would land outside the directory are refused.
        /// </summary>
        public static async Task<OciLayout> ExtractAsync(string archivePath, string outputLayoutDir, CancellationToken cancellationToken)
        {
            var imported = await ArchiveImport.ExtractAsync(archivePath, outputLayoutDir, allowDockerArchive: false, cancellationToken).ConfigureAwait(false);
            return imported.Layout;
        }
    }
}
