using SociTools.Core.Oci.Platforms;
using System;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>Turns an image and its v2 SOCI indexes into a SOCI-enabled image, as <c>soci convert</c> does.</summary>
    /// <remarks>
    /// Every locally present image manifest is rewritten with OCI media types (manifest and config), the
    /// indexed ones gain the <c>com.amazon.soci.index-digest</c> annotation, and each rewritten descriptor takes
    /// the manifest's annotations in place of its own, exactly as soci does. SOCI index descriptors follow the
    /// image manifests; one for a platform that already has a v2 SOCI index replaces it, so converting twice is stable.
    /// </remarks>
    public static partial class SociImageConverter
    {
        /// <summary>The image manifests of the source that are present locally, in index order, for choosing which to index.</summary>
        public static IReadOnlyList<PlatformManifest> PlatformManifests(SociConversionSource source)
        {
            var entries = source.IsIndex ? LoadIndex(source).Manifests : new List<Descriptor> { TargetWithPlatform(source) };
            var result = new List<PlatformManifest>();
            foreach (var entry in entries)
            {
                if (!IsImageManifestEntry(entry) || !source.LocalManifests.TryGetValue(entry.Digest, out var bytes)) continue;
                result.Add(new PlatformManifest(DescriptorCopy.Of(entry), OciJson.ReadManifest(Verified(entry, bytes)), entry.Platform));
            }
            return result;
        }

        /// <summary>Builds the SOCI-enabled image from the source and one built v2 index per converted platform.</summary>
        /// <exception cref="EmptySociIndexException">No platform produced an index.</exception>
        public static SociConversionResult Convert(SociConversionSource source, IEnumerable<SociPlatformIndex> sociIndexes)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            var indexes = (sociIndexes ?? throw new ArgumentNullException(nameof(sociIndexes))).ToList();
            if (indexes.Count == 0) throw new EmptySociIndexException("no platform of the image produced a SOCI index.");

            var imageIndex = source.IsIndex ? LoadIndex(source) : NewIndexAround(source);
            foreach (var sociIndex in indexes)
            {
                if (!imageIndex.Manifests.Any(m => m.Digest == sociIndex.ImageManifestDigest))
                {
                    throw new ArgumentException($"A SOCI index was built for image manifest {sociIndex.ImageManifestDigest}, which the image being converted does not list.", nameof(sociIndexes));
                }
            }

            var rewritten = new List<(Descriptor Descriptor, byte[] Bytes)>();
            var rewrittenDigests = new Dictionary<SociPlatformIndex, Digest>();
            for (var i = 0; i < imageIndex.Manifests.Count; i++)
            {
                var entry = imageIndex.Manifests[i];
                // Earlier SOCI indexes are replaced below or kept; rewriting them would turn their config into an image config.
                if (!IsImageManifestEntry(entry)) continue;
                var indexForEntry = indexes.FirstOrDefault(x => x.ImageManifestDigest == entry.Digest);
                if (!source.LocalManifests.TryGetValue(entry.Digest, out var bytes))
                {
                    if (indexForEntry == null) continue;
                    throw new ArgumentException($"Image manifest {entry.Digest} has a SOCI index but its content was not provided.", nameof(source));
                }

                var (descriptor, manifestBytes) = Rewrite(entry, Verified(entry, bytes), indexForEntry);
                imageIndex.Manifests[i] = descriptor;
                rewritten.Add((descriptor, manifestBytes));
                foreach (var sociIndex in indexes.Where(x => x.ImageManifestDigest == entry.Digest)) rewrittenDigests[sociIndex] = descriptor.Digest;
            }

            var sociDescriptors = new List<Descriptor>();
            foreach (var sociIndex in indexes)
            {
                var descriptor = SociIndexDescriptor(sociIndex, rewrittenDigests[sociIndex]);
                var existing = FindIndexOf(imageIndex.Manifests, m => m.ArtifactType == MediaTypes.SociIndexV2 && PlatformNormalizer.SamePlatform(m.Platform, sociIndex.Platform));
                if (existing >= 0) imageIndex.Manifests[existing] = descriptor;
                else imageIndex.Manifests.Add(descriptor);
                sociDescriptors.Add(descriptor);
            }

            var indexBytes = OciJson.Serialize(imageIndex);
            var indexDescriptor = new Descriptor { MediaType = MediaTypes.OciIndex, Digest = Digest.Compute(indexBytes), Size = indexBytes.Length };
            return new SociConversionResult(imageIndex, indexBytes, indexDescriptor, rewritten, sociDescriptors, new SociIndexBuildResult[0]);
        }

        private static (Descriptor, byte[]) Rewrite(Descriptor entry, byte[] bytes, SociPlatformIndex? sociIndex)
        {
            var manifest = OciJson.ReadManifest(bytes);
            // Registries reject indexes that mix Docker and OCI manifests, and a config type that disagrees with its manifest.
            manifest.MediaType = MediaTypes.OciManifest;
            manifest.Config.MediaType = MediaTypes.OciConfig;
            if (sociIndex != null)
            {
                manifest.Annotations ??= new Dictionary<string, string>();
                manifest.Annotations[SociAnnotations.IndexDigest] = sociIndex.IndexDescriptor.Digest.ToString();
            }
            var newBytes = OciJson.Serialize(manifest);
            var descriptor = DescriptorCopy.Of(entry);
            descriptor.MediaType = MediaTypes.OciManifest;
            descriptor.Digest = Digest.Compute(newBytes);
            descriptor.Size = newBytes.Length;
            descriptor.Annotations = DescriptorCopy.Annotations(manifest.Annotations);
            return (descriptor, newBytes);
        }

        private static Descriptor SociIndexDescriptor(SociPlatformIndex sociIndex, Digest rewrittenManifestDigest) => new Descriptor
        {
            MediaType = MediaTypes.OciManifest,
            Digest = sociIndex.IndexDescriptor.Digest,
            Size = sociIndex.IndexDescriptor.Size,
            Annotations = new Dictionary<string, string> { [SociAnnotations.ImageManifestDigest] = rewrittenManifestDigest.ToString() },
            Platform = DescriptorCopy.Of(sociIndex.Platform),
            ArtifactType = MediaTypes.SociIndexV2,
        };

        private static ImageIndex LoadIndex(SociConversionSource source)
        {
            var index = OciJson.ReadIndex(Verified(source.Target, source.TargetBytes));
            if (!string.IsNullOrEmpty(index.MediaType) && index.MediaType != source.Target.MediaType)
            {
                throw new SociFormatException($"The image index says its media type is '{index.MediaType}' but its descriptor says '{source.Target.MediaType}'.");
            }
            // Registries are pickier about Docker manifest lists next to OCI content.
            index.MediaType = MediaTypes.OciIndex;
            return index;
        }

        private static ImageIndex NewIndexAround(SociConversionSource source) => new ImageIndex
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciIndex,
            Manifests = new List<Descriptor> { TargetWithPlatform(source) },
        };

        // A lone manifest's descriptor has no platform; without one, runtimes cannot pick it from the new index.
        private static Descriptor TargetWithPlatform(SociConversionSource source)
        {
            var target = DescriptorCopy.Of(source.Target);
            target.Platform = DescriptorCopy.Of(source.ManifestPlatform!);
            return target;
        }

        private static bool IsImageManifestEntry(Descriptor entry) =>
            MediaTypes.IsManifest(entry.MediaType) && entry.ArtifactType != MediaTypes.SociIndexV2;

        private static byte[] Verified(Descriptor descriptor, byte[] bytes)
        {
            var actual = Digest.Compute(bytes);
            if (actual != descriptor.Digest || bytes.Length != descriptor.Size)
            {
                throw new SociFormatException($"The content given for {descriptor.Digest} ({descriptor.Size} bytes) hashes to {actual} ({bytes.Length} bytes).");
            }
            return bytes;
        }

        private static int FindIndexOf(IList<Descriptor> list, Func<Descriptor, bool> match)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (match(list[i])) return i;
            }
            return -1;
        }
    }
}
