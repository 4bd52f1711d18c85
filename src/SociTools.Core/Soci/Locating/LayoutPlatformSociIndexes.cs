using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>The SOCI indexes of the images in an OCI layout, grouped by the selected platform manifests they serve.</summary>
    public static class LayoutPlatformSociIndexes
    {
        public static async Task<IReadOnlyList<PlatformSociIndexes>> ListAsync(OciLayout layout, PlatformSelection selection, CancellationToken cancellationToken)
        {
            var all = await LayoutSociIndexes.ListAsync(layout, cancellationToken).ConfigureAwait(false);
            var layoutIndex = await layout.ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            // An index entry without artifactType (older tools) looks like an image; it is one of the found indexes.
            var images = layoutIndex.Manifests
                .Where(d => LayoutReferences.IsImage(d) && !all.Any(f => f.Descriptor.Digest == d.Digest))
                .GroupBy(d => d.Digest).Select(g => g.First()).ToList();
            if (images.Count == 0)
            {
                throw new ImageReferenceException($"The layout at {layout.Directory} holds no image.", null, LayoutReferences.AvailableNames(layoutIndex));
            }
            var result = new List<PlatformSociIndexes>();
            SociFormatException? firstMiss = null;
            foreach (var image in images)
            {
                IReadOnlyList<PlatformManifest> platforms;
                try
                {
                    platforms = await ImagePlatforms.SelectAsync(layout, image, selection, cancellationToken).ConfigureAwait(false);
                }
                catch (SociFormatException ex)
                {
                    // Another image of the layout may have the platform; fail only when none has.
                    firstMiss ??= ex;
                    continue;
                }
                foreach (var platform in platforms)
                {
                    if (result.Any(r => r.Manifest.Descriptor.Digest == platform.Descriptor.Digest)) continue;
                    result.Add(ForPlatform(image, platform, all));
                }
            }
            if (result.Count == 0 && firstMiss != null) throw firstMiss;
            return result;
        }

        private static PlatformSociIndexes ForPlatform(Descriptor image, PlatformManifest platform, IReadOnlyList<FoundSociIndex> all)
        {
            var annotated = SociEnabledManifest.AnnotatedIndexDigest(platform);
            var indexes = all
                .Where(f => f.ImageManifestDigest == platform.Descriptor.Digest)
                .OrderBy(f => f.Index.Version == SociIndexVersion.V2 ? 0 : 1)
                .Select(f => f.Index.Version == SociIndexVersion.V2
                    ? new DiscoveredSociIndex(f, platform, f.Descriptor.Digest == annotated ? SociIndexFoundBy.V2Annotation : SociIndexFoundBy.LayoutIndex, image)
                    : new DiscoveredSociIndex(f, platform, SociIndexFoundBy.LayoutIndex, null))
                .ToList();
            var missing = annotated is Digest digest && !indexes.Any(i => i.Descriptor.Digest == digest) ? digest : (Digest?)null;
            return new PlatformSociIndexes(platform, indexes, missing);
        }
    }
}
