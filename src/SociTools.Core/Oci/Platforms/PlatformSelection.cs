using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace SociTools.Core.Oci.Platforms
{
    /// <summary>Which platforms of an image to work on: the current machine's, all, or a given list.</summary>
    public sealed class PlatformSelection
    {
        private PlatformSelection(IReadOnlyList<Platform> platforms, bool isAll, bool isDefault)
        {
            Platforms = platforms;
            IsAll = isAll;
            IsDefault = isDefault;
        }

        /// <summary>linux and the architecture of this process, as <c>soci convert</c> defaults to the host.</summary>
        public static PlatformSelection Default { get; } = new PlatformSelection(new[] { Current() }, isAll: false, isDefault: true);

        public static PlatformSelection All { get; } = new PlatformSelection(Array.Empty<Platform>(), isAll: true, isDefault: false);

        public static PlatformSelection For(params Platform[] platforms)
        {
            if (platforms == null || platforms.Length == 0)
            {
                throw new ArgumentException("Name at least one platform, or use PlatformSelection.All.", nameof(platforms));
            }
            return new PlatformSelection(platforms.ToArray(), isAll: false, isDefault: false);
        }

        public IReadOnlyList<Platform> Platforms { get; }

        public bool IsAll { get; }

        /// <summary>True for <see cref="Default"/>: a single-platform image is then used whatever its platform.</summary>
        public bool IsDefault { get; }

        public static Platform Current()
        {
            var architecture = RuntimeInformation.ProcessArchitecture;
            switch (architecture)
            {
                case Architecture.X64: return new Platform { Os = "linux", Architecture = "amd64" };
                case Architecture.Arm64: return new Platform { Os = "linux", Architecture = "arm64" };
                case Architecture.X86: return new Platform { Os = "linux", Architecture = "386" };
                case Architecture.Arm: return new Platform { Os = "linux", Architecture = "arm", Variant = "v7" };
                default:
                    // Newer runtimes add s390x, ppc64le, riscv64 and loongarch64, whose names match Go's but for loong64.
                    var name = architecture.ToString().ToLowerInvariant();
                    return new Platform { Os = "linux", Architecture = name == "loongarch64" ? "loong64" : name };
            }
        }

        public override string ToString() => IsAll ? "all platforms" : string.Join(", ", Platforms.Select(p => p.ToString()));
    }
}
