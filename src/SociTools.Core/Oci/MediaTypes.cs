namespace SociTools.Core.Oci
{
    /// <summary>Media types of the OCI image spec, Docker's v2 schema 2, and SOCI.</summary>
    public static class MediaTypes
    {
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string OciConfig = "application/vnd.oci.image.config.v1+json";
        public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
        public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
        public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
        public const string OciNonDistributableLayerTar = "application/vnd.oci.image.layer.nondistributable.v1.tar";
        public const string OciNonDistributableLayerGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
        public const string OciNonDistributableLayerZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
        public const string OciEmptyJson = "application/vnd.oci.empty.v1+json";

        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
        public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
        public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
        public const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";
        public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

        public const string SociIndexV1 = "application/vnd.amazon.soci.index.v1+json";
        public const string SociIndexV2 = "application/vnd.amazon.soci.index.v2+json";
        public const string SociZtoc = "application/octet-stream";
        public const string SociPrefetch = "application/vnd.amazon.soci.prefetch.v1+json";

        public static bool IsIndex(string? mediaType) => mediaType == OciIndex || mediaType == DockerManifestList;

        public static bool IsManifest(string? mediaType) => mediaType == OciManifest || mediaType == DockerManifest;
    }
}
