namespace SociTools.Core.Oci
{
    /// <summary>What a user pointed at: a layout directory, an OCI archive, or a docker/finch save archive.</summary>
    public enum ImageSourceKind
    {
        Layout,
        OciArchive,
        DockerArchive,
    }
}
