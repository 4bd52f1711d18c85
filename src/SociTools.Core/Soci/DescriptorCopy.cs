using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>Copies descriptors so rewriting one never changes the caller's objects.</summary>
    internal static class DescriptorCopy
    {
        public static Descriptor Of(Descriptor source) => new Descriptor
        {
            MediaType = source.MediaType,
            Digest = source.Digest,
            Size = source.Size,
            Urls = source.Urls?.ToList(),
            Annotations = Annotations(source.Annotations),
            Data = source.Data,
            Platform = source.Platform == null ? null : Of(source.Platform),
            ArtifactType = source.ArtifactType,
        };

        public static Platform Of(Platform source) => new Platform
        {
            Architecture = source.Architecture,
            Os = source.Os,
            OsVersion = source.OsVersion,
            OsFeatures = source.OsFeatures?.ToList(),
            Variant = source.Variant,
        };

        public static IDictionary<string, string>? Annotations(IDictionary<string, string>? source) =>
            source == null ? null : new Dictionary<string, string>(source);
    }
}
