using static SociTools.Tests.Finch.FinchOutputText;

namespace SociTools.Tests.Finch
{
    /// <summary>What <c>finch run --snapshotter soci</c> prints on stderr (redirected: blocks repeated, key=value logs) in the cases the tests cover.</summary>
    public static class FinchRunScenarios
    {
        /// <summary>A lazy pull: the image ref, index, manifest and config, and no layer rows at all.</summary>
        public static string LazyPull(string image) => Repeated(new[]
        {
            new[] { Row(image, "resolving", 0), Elapsed(0.1, "0.0 B", "0.0 B/s") },
            new[] { Row(image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Row("config-" + Sha('3'), "downloading", 12, "1.5 KiB", "4.7 KiB"), Elapsed(0.2, "1.5 KiB", "7.5 KiB/s") },
            new[] { Row(image, "resolved", 38), Done("index-" + Sha('1')), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')), Elapsed(0.3, "6.2 KiB", "20.6 KiB/s") },
        });

        /// <summary>
        /// The snapshotter deferred to the container runtime: containerd fetched two layers whole, shown downloading over
        /// repeated blocks with the bar's ANSI codes and offsets cut to 8 characters.
        /// </summary>
        public static string FullPull(string image) => Repeated(new[]
        {
            new[] { Row(image, "resolved", 38), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')),
                Row("layer-" + Sha('a'), "downloading", 3, "8.0 MiB", "106.0 MiB"), Row("layer-" + Sha('b'), "waiting", 0), Elapsed(0.5, "8.0 MiB", "16.0 MiB/s") },
            new[] { Row(image, "resolved", 38), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')),
                Row("layer-" + Sha('a'), "downloading", 37, "104.5 MiB", "106.0 MiB"), Row("layer-" + Sha('b'), "downloading", 10, "3.0 MiB", "11.0 MiB"), Elapsed(2.5, "107.5 MiB", "43.0 MiB/s") },
            new[] { Row(image, "resolved", 38), Done("manifest-" + Sha('2')), Done("config-" + Sha('3')),
                Done("layer-" + Sha('a')), Done("layer-" + Sha('b')), Elapsed(3.1, "117.0 MiB", "37.7 MiB/s") },
        });

        public const string ContainerId = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708";
    }
}
