using System;
using System.Text;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>Fixed parts of a SOCI index manifest: its config blob, artifact types and defaults.</summary>
    public static class SociIndexFormat
    {
        public const string DefaultBuildToolIdentifier = "AWS SOCI CLI v0.2";
        public const long DefaultSpanSize = 1L << 22;
        public const long DefaultMinLayerSize = 10L << 20;

        /// <summary>The index config blob: the two bytes <c>{}</c>.</summary>
        public static byte[] ConfigBytes() => Encoding.ASCII.GetBytes("{}");

        public static readonly Digest ConfigDigest = Digest.Parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

        public static string ArtifactType(SociIndexVersion version) =>
            version switch
            {
                SociIndexVersion.V1 => MediaTypes.SociIndexV1,
                SociIndexVersion.V2 => MediaTypes.SociIndexV2,
                _ => throw new ArgumentOutOfRangeException(nameof(version), version, "SOCI index versions are V1 and V2."),
            };

        /// <summary>The config descriptor; its media type is the artifact type, which is how registries and oras tell the versions apart.</summary>
        public static Descriptor ConfigDescriptor(SociIndexVersion version) =>
            new Descriptor { MediaType = ArtifactType(version), Digest = ConfigDigest, Size = 2 };

        /// <summary>Maps a config media type back to a version; null when it is not a SOCI index.</summary>
        public static SociIndexVersion? VersionOf(string? configMediaType) =>
            configMediaType == MediaTypes.SociIndexV1 ? SociIndexVersion.V1
            : configMediaType == MediaTypes.SociIndexV2 ? SociIndexVersion.V2
            : (SociIndexVersion?)null;
    }
}
