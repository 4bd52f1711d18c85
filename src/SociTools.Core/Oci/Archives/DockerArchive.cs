using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>
    /// A <c>docker save</c> / <c>finch save</c> tar. When it also holds an OCI layout (Docker 25+, nerdctl) that layout is
    /// used as it is. Otherwise manifest.json is turned into OCI image manifests, as Docker 25+ itself saves images:
    /// layers keep their bytes, typed by their magic bytes as <c>application/vnd.oci.image.layer.v1.tar</c>,
    /// <c>…tar+gzip</c> or <c>…tar+zstd</c>, and the config is <c>application/vnd.oci.image.config.v1+json</c>. OCI types,
    /// rather than Docker v2 schema 2 ones, keep the layout readable by skopeo and umoci, which skip Docker-typed
    /// index.json entries. Images are named in index.json by <c>io.containerd.image.name</c> (the full RepoTag) and
    /// <c>org.opencontainers.image.ref.name</c> (its tag), as containerd and nerdctl write them.
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
