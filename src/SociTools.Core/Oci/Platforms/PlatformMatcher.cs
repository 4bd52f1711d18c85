using System;
using System.Collections.Generic;

namespace SociTools.Core.Oci.Platforms
{
    /// <summary>
    /// Decides whether an image platform can serve a wanted platform, the way containerd does:
    /// names are normalised (aarch64 = arm64, arm64/v8 = arm64, amd64/v1 = amd64) and a machine
    /// also accepts the older variants it can run (amd64/v3 runs v2 and 386; arm64 runs arm/v8..v5).
    /// </summary>
    public sealed class PlatformMatcher
    {
        private readonly List<Platform> _acceptedInPreferenceOrder;

        public PlatformMatcher(Platform wanted)
        {
            Wanted = Normalize(wanted);
            _acceptedInPreferenceOrder = CompatibleOrder(Wanted);
        }

        public Platform Wanted { get; }

        public bool Matches(Platform candidate) => Rank(candidate) >= 0;

        /// <summary>0 for the wanted platform itself, higher for fallbacks; -1 when it cannot serve.</summary>
        public int Rank(Platform candidate)
        {
            var normalized = Normalize(candidate);
            return _acceptedInPreferenceOrder.FindIndex(accepted => accepted.Equals(normalized));
        }

        /// <summary>Canonical lower-case names with containerd's defaults for each architecture's variant.</summary>
        public static Platform Normalize(Platform platform)
        {
            var os = (platform.Os ?? "").ToLowerInvariant();
            if (os == "macos") os = "darwin";
            var architecture = (platform.Architecture ?? "").ToLowerInvariant();
            var variant = (platform.Variant ?? "").ToLowerInvariant();
            switch (architecture)
            {
                case "i386":
                    architecture = "386";
                    variant = "";
                    break;
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
                    else if (variant.Length > 0 && char.IsDigit(variant[0])) variant = "v" + variant;
                    break;
                case "armhf":
                    architecture = "arm";
                    variant = "v7";
                    break;
                case "armel":
                    architecture = "arm";
                    variant = "v6";
                    break;
                case "arm":
                    if (variant == "" || variant == "7") variant = "v7";
                    else if (variant == "5" || variant == "6" || variant == "8") variant = "v" + variant;
                    break;
            }
            return new Platform
            {
                Os = os,
                Architecture = architecture,
                Variant = variant.Length == 0 ? null : variant,
                OsVersion = platform.OsVersion,
                OsFeatures = platform.OsFeatures,
            };
        }

        private static List<Platform> CompatibleOrder(Platform wanted)
        {
            var order = new List<Platform> { wanted };
            switch (wanted.Architecture)
            {
                case "amd64":
                    var amd64Level = VariantNumber(wanted.Variant);
                    for (var level = amd64Level - 1; level >= 2; level--) order.Add(With(wanted, "amd64", "v" + level));
                    if (amd64Level > 1) order.Add(With(wanted, "amd64", null));
                    order.Add(With(wanted, "386", null));
                    break;
                case "arm":
                    for (var level = VariantNumber(wanted.Variant) - 1; level >= 5; level--) order.Add(With(wanted, "arm", "v" + level));
                    break;
                case "arm64":
                    var armLevel = wanted.Variant == null ? 8 : VariantNumber(wanted.Variant);
                    for (var level = Math.Min(armLevel, 8); level >= 5; level--) order.Add(With(wanted, "arm", "v" + level));
                    break;
            }
            return order;
        }

        private static Platform With(Platform template, string architecture, string? variant) =>
            new Platform { Os = template.Os, Architecture = architecture, Variant = variant };

        private static int VariantNumber(string? variant)
        {
            if (string.IsNullOrEmpty(variant)) return 1;
            var digits = variant!.TrimStart('v');
            var dot = digits.IndexOf('.');
            if (dot >= 0) digits = digits.Substring(0, dot);
            return int.TryParse(digits, out var number) ? number : 0;
        }
    }
}
