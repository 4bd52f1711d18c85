using System.IO;

namespace SociTools.Tests.Finch
{
    /// <summary>What <c>finch run --snapshotter soci</c> prints on stderr (redirected: blocks repeated, key=value logs) in the cases the tests cover.</summary>
    public static class FinchRunScenarios
    {
        /// <summary>A lazy pull: the image ref, index, manifest and config, and no layer rows at all.</summary>
        public static string LazyPull(string image) => ForImage("lazy-pull.stderr", image);

        /// <summary>
        /// The snapshotter deferred to the container runtime: containerd fetched two layers whole, shown downloading over
        /// repeated blocks with the bar's ANSI codes and offsets cut to 8 characters.
        /// </summary>
        public static string FullPull(string image) => ForImage("full-pull.stderr", image);

        /// <summary>
        /// The texts are shared with the Pester suite: <c>tests/Doubles/finch/run/*.stderr</c>, written for the image
        /// <c>{image}</c> with its row padded to 78 columns like every row there, so the real name takes the same padding.
        /// </summary>
        private static string ForImage(string file, string image) =>
            File.ReadAllText(FinchDouble.SourcePath("run/" + file)).Replace("{image}:".PadRight(78), (image + ":").PadRight(78));

        public const string ContainerId = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708";
    }
}
