using System;
using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>The image to convert: one manifest with its platform, or an index with whichever platform manifests are present locally.</summary>
    public sealed class SociConversionSource
    {
        private SociConversionSource(Descriptor target, byte[] targetBytes, Platform? manifestPlatform, IReadOnlyDictionary<Digest, byte[]> localManifests)
        {
            Target = target;
            TargetBytes = targetBytes;
            ManifestPlatform = manifestPlatform;
            LocalManifests = localManifests;
        }

        public Descriptor Target { get; }
        public byte[] TargetBytes { get; }

        /// <summary>For a single-manifest image: its platform, read from the image config.</summary>
        public Platform? ManifestPlatform { get; }

        /// <summary>Platform manifests available to rewrite, by digest; manifests missing here are left as they are.</summary>
        public IReadOnlyDictionary<Digest, byte[]> LocalManifests { get; }

        public bool IsIndex => MediaTypes.IsIndex(Target.MediaType);

        /// <param name="platform">Read with <c>OciJson.ReadConfigPlatform</c>; it becomes the manifest descriptor's platform in the new index.</param>
        public static SociConversionSource FromManifest(Descriptor manifestDescriptor, byte[] manifestBytes, Platform platform)
        {
            if (!MediaTypes.IsManifest(manifestDescriptor.MediaType))
            {
                throw new ArgumentException($"'{manifestDescriptor.MediaType}' is not an image manifest media type.", nameof(manifestDescriptor));
            }
            return new SociConversionSource(manifestDescriptor, manifestBytes, platform ?? throw new ArgumentNullException(nameof(platform)),
                new Dictionary<Digest, byte[]> { [manifestDescriptor.Digest] = manifestBytes });
        }

        /// <summary>
        /// A single-manifest image whose platform is taken from its image config as soci does (containerd's
        /// <c>images.Platforms</c>): only os and architecture, normalised, so <c>arm</c> becomes <c>arm/v7</c>.
        /// </summary>
        public static SociConversionSource FromManifestAndConfig(Descriptor manifestDescriptor, byte[] manifestBytes, byte[] imageConfig)
        {
            var configPlatform = OciJson.ReadConfigPlatform(imageConfig)
                ?? throw new SociFormatException("The image config names no os and architecture, so the image does not support any platforms.");
            var platform = PlatformNormalizer.Normalize(new Platform { Os = configPlatform.Os, Architecture = configPlatform.Architecture });
            return FromManifest(manifestDescriptor, manifestBytes, platform);
        }

        public static SociConversionSource FromIndex(Descriptor indexDescriptor, byte[] indexBytes, IReadOnlyDictionary<Digest, byte[]> localManifests)
        {
            if (!MediaTypes.IsIndex(indexDescriptor.MediaType))
            {
                throw new ArgumentException($"'{indexDescriptor.MediaType}' is not an image index or manifest list media type.", nameof(indexDescriptor));
            }
            return new SociConversionSource(indexDescriptor, indexBytes, null, localManifests ?? throw new ArgumentNullException(nameof(localManifests)));
        }
    }
}
