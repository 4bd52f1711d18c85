using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools.Core.Finch.Run
{
    /// <summary>The preflight checks that look at the registry: an index exists, it is v2, and it has zTOCs.</summary>
    internal static class RegistryPreflight
    {
        public static IEnumerable<PreflightFinding> Evaluate(PreflightFacts facts)
        {
            if (!facts.RegistryIndexes.IsAvailable)
            {
                var reason = "The registry could not be asked: " + facts.RegistryIndexes.UnavailableReason;
                yield return new PreflightFinding(PreflightCheck.SociIndexFound, PreflightOutcome.NotChecked, reason);
                yield return new PreflightFinding(PreflightCheck.SociIndexV2, PreflightOutcome.NotChecked, reason);
                yield return new PreflightFinding(PreflightCheck.LayersIndexed, PreflightOutcome.NotChecked, reason);
                yield break;
            }
            var platforms = facts.RegistryIndexes.Value!;
            if (platforms.Count == 0)
            {
                var reason = $"{facts.Image} has no manifest for the platform finch would pull.";
                yield return new PreflightFinding(PreflightCheck.SociIndexFound, PreflightOutcome.NotChecked, reason);
                yield return new PreflightFinding(PreflightCheck.SociIndexV2, PreflightOutcome.NotChecked, reason);
                yield return new PreflightFinding(PreflightCheck.LayersIndexed, PreflightOutcome.NotChecked, reason);
                yield break;
            }
            var location = facts.Image.RepositoryName;
            yield return Combine(platforms.Select(p => IndexFound(p, location)).ToList());
            yield return Combine(platforms.Select(p => IndexV2(p, location)).ToList());
            yield return Combine(platforms.Select(p => LayersIndexed(p, facts.MinLayerSize)).ToList());
        }

        private static PreflightFinding IndexFound(PlatformSociIndexes platform, string location)
        {
            const PreflightCheck check = PreflightCheck.SociIndexFound;
            var problems = LazyLoadingProblem.For(platform, location)
                .Where(p => p.Kind != LazyLoadingProblemKind.OnlyV1).ToList();
            var missing = problems.FirstOrDefault(p => p.Kind == LazyLoadingProblemKind.NoIndex);
            if (missing != null)
            {
                return new PreflightFinding(check, PreflightOutcome.Failed, missing.Reason,
                    "Build and push a v2 index: New-SociIndex on the image's layout, then Push-SociImage.");
            }
            if (problems.Count > 0)
            {
                return new PreflightFinding(check, PreflightOutcome.Failed,
                    string.Join(" ", problems.Select(p => p.Reason)), string.Join(" ", problems.Select(p => p.Fix).Distinct()));
            }
            var used = Chosen(platform)!;
            return new PreflightFinding(check, PreflightOutcome.Passed,
                $"SOCI index {used.Descriptor.Digest} ({used.Index.Version}) serves image manifest {Describe(platform)}.");
        }

        private static PreflightFinding IndexV2(PlatformSociIndexes platform, string location)
        {
            const PreflightCheck check = PreflightCheck.SociIndexV2;
            if (platform.Indexes.Count == 0)
            {
                return new PreflightFinding(check, PreflightOutcome.NotChecked, $"No SOCI index was found for image manifest {Describe(platform)}.");
            }
            var onlyV1 = LazyLoadingProblem.For(platform, location).FirstOrDefault(p => p.Kind == LazyLoadingProblemKind.OnlyV1);
            if (onlyV1 != null)
            {
                var v1 = platform.Indexes[0].Descriptor.Digest;
                return new PreflightFinding(check, PreflightOutcome.Failed, onlyV1.Reason,
                    "Push a v2 index with Push-SociImage (-IndexVersion V2 is the default), or name the v1 index so finch pulls with " +
                    $"--soci-index-digest: -SociIndexDigest {v1}.");
            }
            return new PreflightFinding(check, PreflightOutcome.Passed,
                $"Image manifest {Describe(platform)} has a SOCI index manifest v2, which Finch's snapshotter uses.");
        }

        private static PreflightFinding LayersIndexed(PlatformSociIndexes platform, long minLayerSize)
        {
            const PreflightCheck check = PreflightCheck.LayersIndexed;
            var layers = platform.Manifest.Manifest.Layers;
            var index = Chosen(platform);
            if (index == null)
            {
                var bigEnough = layers.Count(l => l.Size >= minLayerSize);
                if (layers.Count > 0 && bigEnough == 0)
                {
                    return new PreflightFinding(check, PreflightOutcome.Failed,
                        $"Every layer of image manifest {Describe(platform)} is under {minLayerSize} bytes, so an index built with that minimum layer size " +
                        "would have no zTOCs (soci: no ztocs created) and every layer would be fetched in full.",
                        "Build the index with a lower minimum layer size: New-SociIndex -MinLayerSize 0 (or a size below the layers'), then Push-SociImage.");
                }
                return new PreflightFinding(check, PreflightOutcome.NotChecked,
                    $"No SOCI index to look at; {bigEnough} of {layers.Count} layers of {Describe(platform)} are at least {minLayerSize} bytes.");
            }
            var withZtoc = new HashSet<Oci.Digest>(index.Index.Ztocs.Select(z => z.LayerDigest));
            var indexed = layers.Count(l => withZtoc.Contains(l.Digest));
            if (indexed == 0)
            {
                return new PreflightFinding(check, PreflightOutcome.Failed,
                    $"SOCI index {index.Descriptor.Digest} has no zTOC for any layer of {Describe(platform)} (every layer was under its minimum layer size), " +
                    "so every layer would be fetched in full.",
                    "Rebuild the index with a lower minimum layer size (New-SociIndex -MinLayerSize 0) and push it with Push-SociImage.");
            }
            var whole = layers.Count - indexed;
            return new PreflightFinding(check, PreflightOutcome.Passed,
                $"{indexed} of {layers.Count} layers have a zTOC in SOCI index {index.Descriptor.Digest}" +
                (whole == 0 ? "." : $"; the other {whole} (under the minimum layer size) are fetched in full."));
        }

        /// <summary>The index the snapshotter would use with Finch's defaults: v2 first, else the first one found.</summary>
        private static DiscoveredSociIndex? Chosen(PlatformSociIndexes platform) =>
            platform.Indexes.FirstOrDefault(i => i.Index.Version == SociIndexVersion.V2) ?? platform.Indexes.FirstOrDefault();

        private static string Describe(PlatformSociIndexes platform) =>
            platform.Manifest.Descriptor.Digest + (platform.Manifest.Platform == null ? "" : $" ({platform.Manifest.Platform})");

        /// <summary>One finding for all platforms: the worst outcome, with every platform's message.</summary>
        private static PreflightFinding Combine(IReadOnlyList<PreflightFinding> perPlatform)
        {
            if (perPlatform.Count == 1) return perPlatform[0];
            var outcome = perPlatform.Any(f => f.Failed) ? PreflightOutcome.Failed
                : perPlatform.Any(f => f.Outcome == PreflightOutcome.NotChecked) ? PreflightOutcome.NotChecked : PreflightOutcome.Passed;
            var fixes = perPlatform.Where(f => f.Fix != null).Select(f => f.Fix!).Distinct().ToList();
            return new PreflightFinding(perPlatform[0].Check, outcome, string.Join(" ", perPlatform.Select(f => f.Message)),
                fixes.Count == 0 ? null : string.Join(" ", fixes));
        }
    }
}
