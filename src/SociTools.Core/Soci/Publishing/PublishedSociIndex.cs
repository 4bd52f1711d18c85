using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>A SOCI index written to a store, and for v2 the SOCI-enabled image and manifest that carry it.</summary>
    public sealed class PublishedSociIndex
    {
        public PublishedSociIndex(PlatformIndex built, Descriptor? sociEnabledImage, Digest? sociEnabledManifest = null)
        {
            Built = built;
            SociEnabledImage = sociEnabledImage;
            SociEnabledManifest = sociEnabledManifest;
        }

        public PlatformIndex Built { get; }

        public Descriptor IndexDescriptor => Built.Build.IndexDescriptor;

        /// <summary>The OCI image index holding the annotated manifests (v2 only).</summary>
        public Descriptor? SociEnabledImage { get; }

        /// <summary>The rewritten image manifest that carries the index-digest annotation (v2 only).</summary>
        public Digest? SociEnabledManifest { get; }

        /// <summary>The v2 indexes of a conversion, each with the SOCI-enabled manifest its descriptor names.</summary>
        internal static IReadOnlyList<PublishedSociIndex> Converted(IReadOnlyList<PlatformIndex> indexes, SociConversionResult converted) =>
            indexes.Select((index, i) =>
            {
                var annotated = converted.SociIndexDescriptors[i].Annotation(SociAnnotations.ImageManifestDigest);
                return new PublishedSociIndex(index, converted.ImageIndexDescriptor, annotated == null ? (Digest?)null : Digest.Parse(annotated));
            }).ToList();
    }
}
