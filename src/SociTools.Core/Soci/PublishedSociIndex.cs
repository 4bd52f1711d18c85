using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>A SOCI index written to a store, and for v2 the SOCI-enabled image that carries it.</summary>
    public sealed class PublishedSociIndex
    {
        public PublishedSociIndex(PlatformIndex built, Descriptor? sociEnabledImage)
        {
            Built = built;
            SociEnabledImage = sociEnabledImage;
        }

        public PlatformIndex Built { get; }

        public Descriptor IndexDescriptor => Built.Build.IndexDescriptor;

        /// <summary>The OCI image index holding the annotated manifests (v2 only).</summary>
        public Descriptor? SociEnabledImage { get; }
    }
}
