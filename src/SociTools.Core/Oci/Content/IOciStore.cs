namespace SociTools.Core.Oci.Content
{
    /// <summary>Where images live: an OCI layout directory or a registry repository.</summary>
    public interface IOciStore : IBlobStore, ITagStore
    {
    }
}
