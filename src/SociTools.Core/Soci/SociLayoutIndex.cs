using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci
{
    /// <summary>The index.json of an OCI layout holding SOCI content, as soci and oras leave it.</summary>
    public static class SociLayoutIndex
    {
        /// <summary>
        /// What <c>soci convert --standalone --format oci-dir</c> writes: an OCI index whose only entry is the
        /// converted image's index descriptor (earlier entries are dropped; the blobs stay).
        /// </summary>
        public static ImageIndex ForConvertedImage(Descriptor convertedImageIndex) => new ImageIndex
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciIndex,
            Manifests = new List<Descriptor> { DescriptorCopy.Of(convertedImageIndex) },
        };

        /// <summary>The index.json bytes for <see cref="ForConvertedImage"/>: Go-marshalled, no trailing newline.</summary>
        public static byte[] ForConvertedImageJson(Descriptor convertedImageIndex) => OciJson.Serialize(ForConvertedImage(convertedImageIndex));

        /// <summary>
        /// Adds a v1 SOCI index the way oras's OCI store records a pushed manifest: an untagged entry
        /// (OCI manifest media type with the v1 artifact type) after the existing ones, which all stay.
        /// </summary>
        public static ImageIndex AddV1Index(ImageIndex layoutIndex, Descriptor sociIndexDescriptor)
        {
            var entry = new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                Digest = sociIndexDescriptor.Digest,
                Size = sociIndexDescriptor.Size,
                ArtifactType = MediaTypes.SociIndexV1,
            };
            var manifests = layoutIndex.Manifests.Select(DescriptorCopy.Of).ToList();
            if (!manifests.Any(m => m.Digest == entry.Digest)) manifests.Add(entry);
            return new ImageIndex
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.OciIndex,
                ArtifactType = layoutIndex.ArtifactType,
                Manifests = manifests,
                Subject = layoutIndex.Subject == null ? null : DescriptorCopy.Of(layoutIndex.Subject),
                Annotations = DescriptorCopy.Annotations(layoutIndex.Annotations),
            };
        }
    }
}
