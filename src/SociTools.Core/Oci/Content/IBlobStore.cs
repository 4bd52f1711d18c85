namespace SociTools.Core.Oci.Content
{
    /// <summary>Content that can be read and written by descriptor, without names: a store, or an update of a layout in progress.</summary>
    public interface IBlobStore : IContentReader, IContentWriter
    {
    }
}
