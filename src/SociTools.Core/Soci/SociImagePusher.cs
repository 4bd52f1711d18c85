using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;

namespace SociTools.Core.Soci
{
    /// <summary>
    /// Pushes an image from a layout with its SOCI index: the index the layout already holds, or one
    /// built on the way (in memory; the layout is not changed). v2 puts the SOCI-enabled image index at
    /// the tag; v1 puts the unchanged image there and the index beside it as a referrer. Content goes
    /// children first, so no manifest ever names something the registry lacks.
    /// </summary>
    public sealed class SociImagePusher
    {
        private readonly SociIndexBuildOptions _options;

        public SociImagePusher(SociIndexBuildOptions options)
        {
            _options = options;
        }

        public IProgress<LayerBytesRead>? IndexingBytes { get; set; }
        public IProgress<SociLayerResult>? LayerIndexed { get; set; }
        public IProgress<CopiedContent>? Copied { get; set; }
        public IProgress<(Descriptor Blob, long Bytes)>? UploadBytes { get; set; }

        public async Task<SociPushResult> PushAsync(
            OciLayout layout, Descriptor image, IReadOnlyList<PlatformManifest> platforms, RegistryRepository destination, string tag, CancellationToken cancellationToken)
        {
            var source = new OverlayContentReader(layout);
            var (root, indexes, built) = await PrepareAsync(layout, source, image, platforms, cancellationToken).ConfigureAwait(false);
            var copier = new ImageGraphCopier(source, destination, Copied, UploadBytes);
            await copier.CopyAsync(root, cancellationToken).ConfigureAwait(false);
            foreach (var index in indexes)
            {
                // A v1 index names the image as its subject, so it goes after the image (v2 ones are already copied).
                await copier.CopyAsync(index, cancellationToken).ConfigureAwait(false);
            }
            await destination.TagAsync(root, tag, cancellationToken).ConfigureAwait(false);
            return new SociPushResult(root, indexes.Count > 0 ? indexes : InnerIndexes(built), _options.IndexVersion, built,
                copier.BytesSent, copier.Sent, copier.AlreadyPresent);
        }

        private async Task<(Descriptor Root, IReadOnlyList<Descriptor> V1Indexes, IReadOnlyList<PlatformIndex> Built)> PrepareAsync(
            OciLayout layout, OverlayContentReader source, Descriptor image, IReadOnlyList<PlatformManifest> platforms, CancellationToken cancellationToken)
        {
            if (_options.IndexVersion == SociIndexVersion.V2)
            {
                var present = await PresentV2IndexesAsync(layout, image, cancellationToken).ConfigureAwait(false);
                if (present.Count > 0) return (image, present, Array.Empty<PlatformIndex>());
            }
            if (_options.IndexVersion == SociIndexVersion.V1)
            {
                var subjects = new HashSet<Digest>(platforms.Select(p => p.Descriptor.Digest));
                var existing = (await LayoutSociIndexes.ListAsync(layout, cancellationToken).ConfigureAwait(false))
                    .Where(f => f.Index.Version == SociIndexVersion.V1 && f.Index.Subject != null && subjects.Contains(f.Index.Subject.Digest))
                    .ToList();
                if (existing.Count > 0) return (image, existing.Select(f => f.Descriptor).ToList(), Array.Empty<PlatformIndex>());
            }

            var built = await new SociImageIndexer(_options, layout).IndexAsync(platforms, IndexingBytes, LayerIndexed, cancellationToken).ConfigureAwait(false);
            foreach (var index in built) AddIndexContent(source, index.Build);
            if (_options.IndexVersion == SociIndexVersion.V1)
            {
                return (image, built.Select(b => b.Build.IndexDescriptor).ToList(), built);
            }
            var converted = await SociConversion.ConvertAsync(layout, image, built, cancellationToken).ConfigureAwait(false);
            foreach (var (descriptor, bytes) in converted.RewrittenManifests) source.Add(descriptor.Digest, bytes);
            source.Add(converted.ImageIndexDescriptor.Digest, converted.ImageIndexBytes);
            return (converted.ImageIndexDescriptor, Array.Empty<Descriptor>(), built);
        }

        private static void AddIndexContent(OverlayContentReader source, SociIndexBuildResult build)
        {
            foreach (var ztoc in build.Ztocs) source.Add(ztoc.Digest, ztoc.Bytes);
            source.Add(build.ConfigDescriptor.Digest, build.ConfigBytes);
            source.Add(build.IndexDescriptor.Digest, build.IndexBytes);
        }

        /// <summary>The v2 indexes of an image that is already SOCI-enabled (New-SociIndex ran on the layout).</summary>
        private static async Task<IReadOnlyList<Descriptor>> PresentV2IndexesAsync(OciLayout layout, Descriptor image, CancellationToken cancellationToken)
        {
            if (!MediaTypes.IsIndex(image.MediaType)) return Array.Empty<Descriptor>();
            var index = await layout.ReadIndexAsync(image, cancellationToken).ConfigureAwait(false);
            return index.Manifests.Where(m => m.ArtifactType == MediaTypes.SociIndexV2).ToList();
        }

        private static IReadOnlyList<Descriptor> InnerIndexes(IReadOnlyList<PlatformIndex> built) =>
            built.Select(b => b.Build.IndexDescriptor).ToList();
    }
}
