using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>The image an OCI layout holds, as <c>soci convert --standalone</c> picks it from index.json.</summary>
    public sealed class SociLayoutRoot
    {
        internal SociLayoutRoot(Descriptor root, byte[]? newIndexBlob)
        {
            Root = root;
            NewIndexBlob = newIndexBlob;
        }

        /// <summary>A single image manifest, or an index / manifest list.</summary>
        public Descriptor Root { get; }

        /// <summary>
        /// When soci had to write a new list (index.json lists several manifests, or some children's blobs are
        /// missing): its bytes, which must be stored as a blob under <see cref="Root"/>'s digest. Null otherwise.
        /// </summary>
        public byte[]? NewIndexBlob { get; }
    }
}
