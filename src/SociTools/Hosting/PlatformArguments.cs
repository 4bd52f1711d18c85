using System.Linq;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Hosting
{
    /// <summary>Turns -Platform and -AllPlatforms into the core's platform selection.</summary>
    internal static class PlatformArguments
    {
        public static PlatformSelection ToSelection(string[]? platforms, bool allPlatforms)
        {
            if (allPlatforms) return PlatformSelection.All;
            if (platforms == null || platforms.Length == 0) return PlatformSelection.Default;
            return PlatformSelection.For(platforms.Select(Platform.Parse).ToArray());
        }
    }
}
