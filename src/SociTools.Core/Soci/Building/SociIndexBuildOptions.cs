using System;

namespace SociTools.Core.Soci.Building
{
    /// <summary>Settings for building one SOCI index, with soci's defaults.</summary>
    public sealed class SociIndexBuildOptions
    {
        public SociIndexVersion IndexVersion { get; set; } = SociIndexVersion.V2;

        /// <summary>Layers strictly smaller than this many bytes get no zTOC.</summary>
        public long MinLayerSize { get; set; } = SociIndexFormat.DefaultMinLayerSize;

        /// <summary>Written into each zTOC descriptor's span-size annotation; the zTOC delegate must build with the same value.</summary>
        public long SpanSize { get; set; } = SociIndexFormat.DefaultSpanSize;

        public string BuildToolIdentifier { get; set; } = SociIndexFormat.DefaultBuildToolIdentifier;

        /// <summary>How many layers' zTOCs are built at once.</summary>
        public int ThrottleLimit { get; set; } = Math.Max(1, Environment.ProcessorCount);

        /// <summary>soci's <c>--optimizations xattr</c>: mark layers with no xattrs and no opaque directories with disable-xattrs.</summary>
        public bool XattrOptimization { get; set; }

        internal void Validate()
        {
            if (IndexVersion != SociIndexVersion.V1 && IndexVersion != SociIndexVersion.V2)
                throw new ArgumentOutOfRangeException(nameof(IndexVersion), IndexVersion, "The SOCI index version must be V1 or V2.");
            if (MinLayerSize < 0) throw new ArgumentOutOfRangeException(nameof(MinLayerSize), MinLayerSize, "The minimum layer size must be 0 or more bytes.");
            if (SpanSize <= 0) throw new ArgumentOutOfRangeException(nameof(SpanSize), SpanSize, "The span size must be more than 0 bytes.");
            if (ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), ThrottleLimit, "The throttle limit must be at least 1.");
            if (string.IsNullOrEmpty(BuildToolIdentifier)) throw new ArgumentException("The build tool identifier must not be empty.", nameof(BuildToolIdentifier));
        }
    }
}
