using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools.Hosting
{
    /// <summary>Says, for one platform manifest, why the SOCI snapshotter bundled with Finch would not lazy-load it.</summary>
    internal static class LazyLoadingWarnings
    {
        public static IEnumerable<string> For(PlatformSociIndexes platform, string location) =>
            LazyLoadingProblem.For(platform, location).Select(problem => problem.ToString());
    }
}
