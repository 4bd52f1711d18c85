using SociTools.Core.Oci;

namespace SociTools.Core.Soci
{
    /// <summary>Compares platforms after the normalisation containerd's <c>platforms.Normalize</c> applies (aarch64 = arm64, arm = arm/v7).</summary>
    public static class PlatformNormalizer
    {
        /// <summary>True when both platforms are the same after normalisation; false when either is null.</summary>
        public static bool SamePlatform(Platform? a, Platform? b) =>
            a != null && b != null && Normalize(a).Equals(Normalize(b));

        /// <summary>A new platform with os, architecture and variant normalised; os.version and os.features are dropped.</summary>
        public static Platform Normalize(Platform platform)
        {
            var os = (platform.Os ?? "").ToLowerInvariant();
            if (os == "macos") os = "darwin";
            var architecture = (platform.Architecture ?? "").ToLowerInvariant();
            var variant = (platform.Variant ?? "").ToLowerInvariant();
            switch (architecture)
            {
                case "i386": architecture = "386"; variant = ""; break;
                case "x86_64":
                case "x86-64":
                case "amd64":
                    architecture = "amd64";
                    if (variant == "v1") variant = "";
                    break;
                case "aarch64":
                case "arm64":
                    architecture = "arm64";
                    if (variant == "8" || variant == "v8" || variant == "v8.0") variant = "";
                    else if (variant == "9" || variant == "9.0" || variant == "v9.0") variant = "v9";
                    break;
                case "armhf": architecture = "arm"; variant = "v7"; break;
                case "armel": architecture = "arm"; variant = "v6"; break;
                case "arm":
                    if (variant == "" || variant == "7") variant = "v7";
                    else if (variant == "5" || variant == "6" || variant == "8") variant = "v" + variant;
                    break;
            }
            return new Platform { Os = os, Architecture = architecture, Variant = variant.Length == 0 ? null : variant };
        }
    }
}
