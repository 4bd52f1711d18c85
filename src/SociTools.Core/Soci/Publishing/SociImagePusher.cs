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
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;
using SociTools.Core.Soci.ImageFiles;
using SociTools.Core.Soci.Locating;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Pushes an image from a layout with its SOCI index: the index the layout already holds, or one
    /// built on the way (in memory; the layout is not changed). v2 puts the SOCI-enabled image index at
    /// the tag; v1 puts the unchanged image there and the index beside it as a referrer. A built index
    /// overlaps the upload of the image's blobs; manifests go children first, so no manifest ever names
    /// something the registry lacks.
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
            var copier = new ImageGraphCopier(new RegistryUploadReader(source, layout), destination, Copied, UploadBytes);
            var root = image;
            IReadOnlyList<Descriptor> indexes = await PresentIndexesAsync(layout, image, platforms, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<PlatformIndex> built = Array.Empty<PlatformIndex>();
            if (indexes.Count == 0)
            {
                built = await BuildWhileUploadingBlobsAsync(layout, copier, platforms, cancellationToken).ConfigureAwait(false);
                (root, indexes) = await AddBuiltContentAsync(layout, source, image, built, cancellationToken).ConfigureAwait(false);
            }
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

        /// <summary>The indexes the layout already holds for this push's version; empty when one must be built.</summary>
        private async Task<IReadOnlyList<Descriptor>> PresentIndexesAsync(
            OciLayout layout, Descriptor image, IReadOnlyList<PlatformManifest> platforms, CancellationToken cancellationToken)
        {
            if (_options.IndexVersion == SociIndexVersion.V2)
            {
                return await PresentV2IndexesAsync(layout, image, cancellationToken).ConfigureAwait(false);
            }
            var subjects = new HashSet<Digest>(platforms.Select(p => p.Descriptor.Digest));
            return (await LayoutSociIndexes.ListAsync(layout, cancellationToken).ConfigureAwait(false))
                .Where(f => f.Index.Version == SociIndexVersion.V1 && f.Index.Subject != null && subjects.Contains(f.Index.Subject.Digest))
                .Select(f => f.Descriptor)
                .ToList();
        }

        /// <summary>
        /// Builds the indexes while the images' configs and layers go up: neither depends on the index, and
        /// reading a layer twice at once costs far less than reading it twice in turn. Only blobs go up
        /// here; every manifest follows later, children first. Whichever of the two fails first stops the
        /// other, and its error is the one reported.
        /// </summary>
        private async Task<IReadOnlyList<PlatformIndex>> BuildWhileUploadingBlobsAsync(
            OciLayout layout, ImageGraphCopier copier, IReadOnlyList<PlatformManifest> platforms, CancellationToken cancellationToken)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var uploading = Task.Run(() => UploadImageBlobsAsync(copier, platforms, cancellation.Token), cancellation.Token);
            var building = new SociImageIndexer(_options, layout).IndexAsync(platforms, IndexingBytes, LayerIndexed, cancellation.Token);
            var first = await Task.WhenAny(building, uploading).ConfigureAwait(false);
            if (first.Status != TaskStatus.RanToCompletion)
            {
                cancellation.Cancel();
                await Task.WhenAny(Task.WhenAll(building, uploading)).ConfigureAwait(false);
                var other = first == building ? (Task)uploading : building;
                _ = other.Exception;
                await first.ConfigureAwait(false);
            }
            await uploading.ConfigureAwait(false);
            return await building.ConfigureAwait(false);
        }

        private static async Task UploadImageBlobsAsync(ImageGraphCopier copier, IReadOnlyList<PlatformManifest> platforms, CancellationToken cancellationToken)
        {
            foreach (var platform in platforms)
            {
                // The copier remembers each blob, so the graph walk after the build skips them.
                await copier.CopyAsync(platform.Manifest.Config, cancellationToken).ConfigureAwait(false);
                foreach (var layer in platform.Manifest.Layers) await copier.CopyAsync(layer, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<(Descriptor Root, IReadOnlyList<Descriptor> V1Indexes)> AddBuiltContentAsync(
            OciLayout layout, OverlayContentReader source, Descriptor image, IReadOnlyList<PlatformIndex> built, CancellationToken cancellationToken)
        {
            foreach (var index in built) AddIndexContent(source, index.Build);
            if (_options.IndexVersion == SociIndexVersion.V1)
            {
                return (image, built.Select(b => b.Build.IndexDescriptor).ToList());
            }
            var converted = await SociConversion.ConvertAsync(layout, image, built, cancellationToken).ConfigureAwait(false);
            foreach (var (descriptor, bytes) in converted.RewrittenManifests) source.Add(descriptor.Digest, bytes);
            source.Add(converted.ImageIndexDescriptor.Digest, converted.ImageIndexBytes);
            return (converted.ImageIndexDescriptor, Array.Empty<Descriptor>());
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
