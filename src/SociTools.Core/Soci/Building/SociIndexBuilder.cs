using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;

namespace SociTools.Core.Soci.Building
{
    /// <summary>Builds a v1 or v2 SOCI index for one image manifest from per-layer zTOCs, as soci's index builder does.</summary>
    public sealed class SociIndexBuilder
    {
        private readonly SociIndexBuildOptions _options;

        public SociIndexBuilder(SociIndexBuildOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
        }

        public SociIndexVersion IndexVersion => _options.IndexVersion;

        /// <summary>Decides per layer whether to index it, builds zTOCs through <paramref name="buildLayerZtoc"/> in parallel, and assembles the index.</summary>
        /// <param name="buildLayerZtoc">Builds one layer's zTOC; throws <see cref="UnindexableLayerException"/> to skip the layer.</param>
        /// <exception cref="EmptySociIndexException">No layer produced a zTOC.</exception>
        /// <exception cref="SociLayerBuildException">A layer's zTOC failed for another reason.</exception>
        public async Task<SociIndexBuildResult> BuildAsync(
            Descriptor imageManifestDescriptor,
            Manifest imageManifest,
            Func<Descriptor, CancellationToken, Task<LayerZtoc>> buildLayerZtoc,
            IProgress<SociLayerResult>? progress,
            CancellationToken cancellationToken)
        {
            if (imageManifestDescriptor == null) throw new ArgumentNullException(nameof(imageManifestDescriptor));
            if (imageManifest == null) throw new ArgumentNullException(nameof(imageManifest));
            if (buildLayerZtoc == null) throw new ArgumentNullException(nameof(buildLayerZtoc));

            var layers = imageManifest.Layers?.ToList() ?? new List<Descriptor>();
            var skipReasons = layers.Select(layer => SociLayerPolicy.SkipReason(layer, _options.MinLayerSize)).ToList();
            var results = await BuildLayersAsync(layers, skipReasons, buildLayerZtoc, progress, cancellationToken).ConfigureAwait(false);

            var ztocs = results.Where(r => r.Ztoc != null).Select(r => r.Ztoc!).ToList();
            if (ztocs.Count == 0) throw new EmptySociIndexException(results);

            var index = CreateIndexManifest(imageManifestDescriptor, ztocs);
            var bytes = OciJson.Serialize(index);
            var descriptor = new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                ArtifactType = SociIndexFormat.ArtifactType(_options.IndexVersion),
                Digest = Digest.Compute(bytes),
                Size = bytes.Length,
            };
            return new SociIndexBuildResult(index, bytes, descriptor, _options.IndexVersion, results, ztocs);
        }

        private async Task<IReadOnlyList<SociLayerResult>> BuildLayersAsync(
            IReadOnlyList<Descriptor> layers,
            IReadOnlyList<string?> skipReasons,
            Func<Descriptor, CancellationToken, Task<LayerZtoc>> buildLayerZtoc,
            IProgress<SociLayerResult>? progress,
            CancellationToken cancellationToken)
        {
            var results = new SociLayerResult[layers.Count];
            using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var throttle = new SemaphoreSlim(_options.ThrottleLimit);
            var tasks = new List<Task>();
            for (var i = 0; i < layers.Count; i++)
            {
                if (skipReasons[i] != null)
                {
                    results[i] = new SociLayerResult(layers[i], null, skipReasons[i], SociLayerPolicy.IsSkippedForSize(layers[i], _options.MinLayerSize));
                    progress?.Report(results[i]);
                    continue;
                }
                tasks.Add(BuildOneAsync(i));
            }

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Report the first real failure in layer order, not whichever layer's cancellation surfaced first.
                var firstFailure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault();
                if (firstFailure != null) ExceptionDispatchInfo.Capture(firstFailure).Throw();
                throw;
            }
            return results;

            async Task BuildOneAsync(int position)
            {
                var layer = layers[position];
                await throttle.WaitAsync(failure.Token).ConfigureAwait(false);
                try
                {
                    LayerZtoc ztoc;
                    try
                    {
                        ztoc = await buildLayerZtoc(layer, failure.Token).ConfigureAwait(false)
                            ?? throw new InvalidOperationException("the zTOC builder returned no zTOC");
                    }
                    catch (UnindexableLayerException e)
                    {
                        results[position] = new SociLayerResult(layer, null, e.Reason);
                        progress?.Report(results[position]);
                        return;
                    }
                    catch (OperationCanceledException) when (failure.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        failure.Cancel();
                        throw new SociLayerBuildException(layer, e);
                    }
                    if (ztoc.Layer.Digest != layer.Digest)
                    {
                        failure.Cancel();
                        throw new SociLayerBuildException(layer, new InvalidOperationException($"the zTOC builder returned a zTOC for layer {ztoc.Layer.Digest}"));
                    }
                    results[position] = new SociLayerResult(layer, ztoc, null);
                    progress?.Report(results[position]);
                }
                finally
                {
                    throttle.Release();
                }
            }
        }

        private Manifest CreateIndexManifest(Descriptor imageManifestDescriptor, IEnumerable<LayerZtoc> ztocs)
        {
            var index = new Manifest
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.OciManifest,
                Config = SociIndexFormat.ConfigDescriptor(_options.IndexVersion),
                Layers = ztocs.Select(ZtocDescriptor).ToList(),
                Annotations = new Dictionary<string, string> { [SociAnnotations.BuildToolIdentifier] = _options.BuildToolIdentifier },
            };
            if (_options.IndexVersion == SociIndexVersion.V1)
            {
                index.Subject = new Descriptor
                {
                    MediaType = imageManifestDescriptor.MediaType,
                    Digest = imageManifestDescriptor.Digest,
                    Size = imageManifestDescriptor.Size,
                };
            }
            return index;
        }

        private Descriptor ZtocDescriptor(LayerZtoc ztoc)
        {
            var annotations = new Dictionary<string, string>
            {
                [SociAnnotations.ImageLayerMediaType] = ztoc.Layer.MediaType,
                [SociAnnotations.ImageLayerDigest] = ztoc.Layer.Digest.ToString(),
                [SociAnnotations.SpanSize] = _options.SpanSize.ToString(CultureInfo.InvariantCulture),
            };
            if (_options.XattrOptimization && ztoc.DisableXattrs)
            {
                annotations[SociAnnotations.DisableXattrs] = "true";
            }
            return new Descriptor { MediaType = MediaTypes.SociZtoc, Digest = ztoc.Digest, Size = ztoc.Size, Annotations = annotations };
        }
    }
}
