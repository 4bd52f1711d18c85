using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Building
{
    /// <summary>A built SOCI index: its manifest bytes and descriptor, its config blob, and every zTOC it references.</summary>
    public sealed class SociIndexBuildResult
    {
        internal SociIndexBuildResult(Manifest index, byte[] indexBytes, Descriptor indexDescriptor, SociIndexVersion version,
            IReadOnlyList<SociLayerResult> layers, IReadOnlyList<LayerZtoc> ztocs)
        {
            Index = index;
            IndexBytes = indexBytes;
            IndexDescriptor = indexDescriptor;
            Version = version;
            ConfigBytes = SociIndexFormat.ConfigBytes();
            ConfigDescriptor = SociIndexFormat.ConfigDescriptor(version);
            Layers = layers;
            Ztocs = ztocs;
        }

        public Manifest Index { get; }
        public SociIndexVersion Version { get; }
        public byte[] IndexBytes { get; }

        /// <summary>OCI manifest media type with the SOCI artifact type, as soci stores it.</summary>
        public Descriptor IndexDescriptor { get; }

        /// <summary>
        /// How the referrers API and its <c>sha256-&lt;hex&gt;</c> fallback index list a v1 index: the index descriptor
        /// plus the index's annotations, as oras records a referrer.
        /// </summary>
        public Descriptor ReferrerDescriptor => new Descriptor
        {
            MediaType = IndexDescriptor.MediaType,
            Digest = IndexDescriptor.Digest,
            Size = IndexDescriptor.Size,
            Annotations = DescriptorCopy.Annotations(Index.Annotations),
            ArtifactType = IndexDescriptor.ArtifactType,
        };

        public byte[] ConfigBytes { get; }
        public Descriptor ConfigDescriptor { get; }

        /// <summary>One result per image layer, in layer order.</summary>
        public IReadOnlyList<SociLayerResult> Layers { get; }

        /// <summary>The zTOCs, in layer order.</summary>
        public IReadOnlyList<LayerZtoc> Ztocs { get; }
    }
}
