using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci.Conversion
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
    
        /// <summary>
        /// Picks the image to convert from a layout's index.json as soci's standalone mode does: a lone manifest
        /// entry; a lone nested list; or the list of entries (index.json itself or the nested list) whose blobs
        /// exist, written as a new list blob when it differs from what is stored.
        /// </summary>
        /// <exception cref="SociFormatException">index.json lists nothing, or none of the listed blobs exist.</exception>
        public static async Task<SociLayoutRoot> ResolveConversionRootAsync(byte[] indexJson, IContentReader layout, CancellationToken cancellationToken)
        {
            var top = OciJson.ReadIndex(indexJson);
            if (top.Manifests.Count == 0) throw new SociFormatException("The layout's index.json lists no manifests.");
            if (top.Manifests.Count == 1 && !MediaTypes.IsIndex(top.Manifests[0].MediaType))
            {
                return new SociLayoutRoot(DescriptorCopy.Of(top.Manifests[0]), null);
            }

            var listBytes = indexJson;
            var mediaType = top.MediaType;
            if (top.Manifests.Count == 1)
            {
                mediaType = top.Manifests[0].MediaType;
                listBytes = await layout.ReadAllBytesAsync(top.Manifests[0], ContentReaderExtensions.MaxManifestSize, cancellationToken).ConfigureAwait(false);
            }
            if (string.IsNullOrEmpty(mediaType)) mediaType = MediaTypes.OciIndex;

            var list = OciJson.ReadIndex(listBytes);
            var available = new List<Descriptor>();
            foreach (var entry in list.Manifests)
            {
                if (await layout.ExistsAsync(entry, cancellationToken).ConfigureAwait(false)) available.Add(entry);
            }
            if (available.Count == 0) throw new SociFormatException("None of the manifests the layout's index lists has its blob in the layout.");
            if (available.Count == 1 && MediaTypes.IsManifest(available[0].MediaType)) return new SociLayoutRoot(DescriptorCopy.Of(available[0]), null);
            if (top.Manifests.Count == 1 && available.Count == list.Manifests.Count) return new SociLayoutRoot(DescriptorCopy.Of(top.Manifests[0]), null);

            list.MediaType = mediaType;
            list.Manifests = available;
            var bytes = OciJson.Serialize(list);
            return new SociLayoutRoot(new Descriptor { MediaType = mediaType!, Digest = Digest.Compute(bytes), Size = bytes.Length }, bytes);
        }
    }
}
