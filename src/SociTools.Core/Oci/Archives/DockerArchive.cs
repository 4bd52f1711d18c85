using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>
    /// A <c>docker save</c> / <c>finch save</c> tar. When it also holds an OCI layout (Docker 25+, nerdctl) that layout is
    /// used as it is; otherwise manifest.json is turned into Docker v2 schema 2 manifests the way containerd imports it:
    /// layers keep their bytes and get <c>application/vnd.docker.image.rootfs.diff.tar</c>, or <c>…tar.gzip</c> when they
    /// start with the gzip magic; images are named in index.json by <c>io.containerd.image.name</c> (the full RepoTag)
    /// and <c>org.opencontainers.image.ref.name</c> (its tag).
    /// </summary>
    public static class DockerArchive
    {
        public static async Task<OciLayout> ExtractAsync(string archivePath, string outputLayoutDir, CancellationToken cancellationToken)
        {
            var imported = await ArchiveImport.ExtractAsync(archivePath, outputLayoutDir, allowDockerArchive: true, cancellationToken).ConfigureAwait(false);
            return imported.Layout;
        }
    }
}
