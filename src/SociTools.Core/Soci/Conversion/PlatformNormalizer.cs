using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci.Conversion
{
    /// <summary>Compares platforms after the normalisation containerd's <c>platforms.Normalize</c> applies (aarch64 = arm64, arm = arm/v7).</summary>
    public static class PlatformNormalizer
    {
        /// <summary>True when both platforms are the same after normalisation; false when either is null.</summary>
        public static bool SamePlatform(Platform? a, Platform? b) =>
            a != null && b != null && Normalize(a).Equals(Normalize(b));

        /// <summary>A new platform with os, architecture and variant normalised, as <see cref="PlatformMatcher.Normalize"/> does.</summary>
        public static Platform Normalize(Platform platform) => PlatformMatcher.Normalize(platform);
    }
}
