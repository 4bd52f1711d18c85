using SociTools.Core.Oci.Platforms;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Conversion
{
    public static partial class SociImageConverter
    {
        /// <summary>
        /// Builds a v2 index for each requested platform manifest, then converts: soci's whole <c>convert</c>.
        /// A platform with no indexable layer is skipped (reported through <paramref name="skippedPlatform"/>); when every one is, the conversion fails.
        /// </summary>
        /// <param name="platforms">
        /// Chosen from <see cref="PlatformManifests"/>; each needs a platform, which goes on its SOCI index descriptor.
        /// Entries from <see cref="PlatformManifests"/> carry the index entry's platform, as <c>--all-platforms</c> writes it;
        /// to mirror <c>--platform linux/arm64</c>, construct the entry with the parsed, normalised platform instead.
        /// </param>
        /// <exception cref="EmptySociIndexException">No requested platform produced an index.</exception>
        public static async Task<SociConversionResult> ConvertAsync(
            SociConversionSource source,
            IEnumerable<PlatformManifest> platforms,
            SociIndexBuilder builder,
            Func<Descriptor, CancellationToken, Task<LayerZtoc>> buildLayerZtoc,
            IProgress<SociLayerResult>? progress,
            Action<PlatformManifest, EmptySociIndexException>? skippedPlatform,
            CancellationToken cancellationToken)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (builder == null) throw new ArgumentNullException(nameof(builder));
            if (builder.IndexVersion != SociIndexVersion.V2)
            {
                throw new ArgumentException("Converting an image needs a builder for v2 SOCI indexes.", nameof(builder));
            }
            var requested = (platforms ?? throw new ArgumentNullException(nameof(platforms))).ToList();
            var built = new List<SociIndexBuildResult>();
            var sociIndexes = new List<SociPlatformIndex>();
            foreach (var platform in requested)
            {
                if (platform.Platform == null)
                {
                    throw new ArgumentException($"Image manifest {platform.Descriptor.Digest} has no platform, so its SOCI index could not be matched to it at pull time.", nameof(platforms));
                }
                SociIndexBuildResult index;
                try
                {
                    index = await builder.BuildAsync(platform.Descriptor, platform.Manifest, buildLayerZtoc, progress, cancellationToken).ConfigureAwait(false);
                }
                catch (EmptySociIndexException empty)
                {
                    skippedPlatform?.Invoke(platform, empty);
                    continue;
                }
                built.Add(index);
                sociIndexes.Add(new SociPlatformIndex(platform.Descriptor.Digest, platform.Platform, index));
            }
            if (sociIndexes.Count == 0)
            {
                var names = string.Join(", ", requested.Select(p => p.Platform?.ToString() ?? p.Descriptor.Digest.ToString()));
                throw new EmptySociIndexException($"no requested platform ({names}) has a layer that could be indexed.");
            }
            return Convert(source, sociIndexes).WithBuiltIndexes(built);
        }
    }
}
