using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci
{
    /// <summary>Reads the v2 link from an image manifest to its SOCI index.</summary>
    public static class SociEnabledManifest
    {
        /// <summary>The digest in the manifest's <c>com.amazon.soci.index-digest</c> annotation; null when it has none.</summary>
        /// <exception cref="SociFormatException">The annotation is not a digest, so the snapshotter cannot use it either.</exception>
        public static Digest? AnnotatedIndexDigest(PlatformManifest platform)
        {
            var annotations = platform.Manifest.Annotations;
            if (annotations == null || !annotations.TryGetValue(SociAnnotations.IndexDigest, out var text)) return null;
            if (!Digest.TryParse(text, out var digest))
            {
                throw new SociFormatException(
                    $"Image manifest {platform.Descriptor.Digest} has '{SociAnnotations.IndexDigest}' = '{text}', which is not a digest, so no SOCI index can be found through it.");
            }
            return digest;
        }
    }
}
