using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>A SOCI-enabled image: the new OCI index, every rewritten manifest, and the SOCI index descriptors it holds.</summary>
    public sealed class SociConversionResult
    {
        internal SociConversionResult(ImageIndex imageIndex, byte[] imageIndexBytes, Descriptor imageIndexDescriptor,
            IReadOnlyList<(Descriptor Descriptor, byte[] Bytes)> rewrittenManifests, IReadOnlyList<Descriptor> sociIndexDescriptors,
            IReadOnlyList<SociIndexBuildResult> builtIndexes)
        {
            ImageIndex = imageIndex;
            ImageIndexBytes = imageIndexBytes;
            ImageIndexDescriptor = imageIndexDescriptor;
            RewrittenManifests = rewrittenManifests;
            SociIndexDescriptors = sociIndexDescriptors;
            BuiltIndexes = builtIndexes;
        }

        public ImageIndex ImageIndex { get; }
        public byte[] ImageIndexBytes { get; }

        /// <summary>The new image target to tag: OCI index media type, digest and size.</summary>
        public Descriptor ImageIndexDescriptor { get; }

        /// <summary>Each rewritten image manifest, with its descriptor as it appears in the new index, in index order.</summary>
        public IReadOnlyList<(Descriptor Descriptor, byte[] Bytes)> RewrittenManifests { get; }

        /// <summary>The SOCI index descriptors added to the index, in the order of the given indexes.</summary>
        public IReadOnlyList<Descriptor> SociIndexDescriptors { get; }

        /// <summary>The SOCI indexes (with their zTOCs) built by <c>ConvertAsync</c>, to store next to the image; empty after <c>Convert</c>.</summary>
        public IReadOnlyList<SociIndexBuildResult> BuiltIndexes { get; }

        internal SociConversionResult WithBuiltIndexes(IReadOnlyList<SociIndexBuildResult> builtIndexes) =>
            new SociConversionResult(ImageIndex, ImageIndexBytes, ImageIndexDescriptor, RewrittenManifests, SociIndexDescriptors, builtIndexes);
    }
}
