using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Soci.ImageFiles;

namespace SociTools.Core.Soci.Building
{
    /// <summary>
    /// Builds the SOCI index of each selected platform of an image, streaming every layer once from
    /// wherever the image is (a layout or a registry). Writes nothing: publishing is a separate step,
    /// so a failure in any layer leaves the destination untouched.
    /// </summary>
    public sealed class SociImageIndexer
    {
        private readonly SociIndexBuildOptions _options;
        private readonly IContentReader _source;

        public SociImageIndexer(SociIndexBuildOptions options, IContentReader source)
        {
            _options = options;
            _source = source;
        }

        public async Task<IReadOnlyList<PlatformIndex>> IndexAsync(
            IReadOnlyList<PlatformManifest> images,
            IProgress<LayerBytesRead>? bytesRead,
            IProgress<SociLayerResult>? layerDone,
            CancellationToken cancellationToken)
        {
            // Platforms of one image often share layers; each is read once.
            var built = new ConcurrentDictionary<Digest, Lazy<Task<LayerZtoc>>>();
            var builder = new SociIndexBuilder(_options);
            var results = new List<PlatformIndex>();
            EmptySociIndexException? lastEmpty = null;
            foreach (var image in images)
            {
                try
                {
                    var build = await builder.BuildAsync(
                        image.Descriptor,
                        image.Manifest,
                        (layer, token) => built.GetOrAdd(layer.Digest, _ => new Lazy<Task<LayerZtoc>>(() => BuildLayerAsync(layer, bytesRead, token))).Value,
                        layerDone,
                        cancellationToken).ConfigureAwait(false);
                    results.Add(new PlatformIndex(image, build));
                }
                catch (EmptySociIndexException empty) when (images.Count > 1)
                {
                    // As soci convert does: a platform with nothing to index is left out; all of them empty is an error.
                    lastEmpty = empty;
                }
            }
            if (results.Count == 0 && lastEmpty != null) throw lastEmpty;
            return results;
        }

        private async Task<LayerZtoc> BuildLayerAsync(Descriptor layer, IProgress<LayerBytesRead>? bytesRead, CancellationToken cancellationToken)
        {
            using var content = await _source.OpenAsync(layer, cancellationToken).ConfigureAwait(false);
            var progress = bytesRead == null ? null : new Progress(layer, bytesRead);
            return await LayerZtocFactory.BuildAsync(layer, content, _options.SpanSize, _options.BuildToolIdentifier, progress, cancellationToken)
                .ConfigureAwait(false);
        }

        private sealed class Progress : IProgress<long>
        {
            private readonly Descriptor _layer;
            private readonly IProgress<LayerBytesRead> _target;

            public Progress(Descriptor layer, IProgress<LayerBytesRead> target)
            {
                _layer = layer;
                _target = target;
            }

            public void Report(long value) => _target.Report(new LayerBytesRead(_layer, value));
        }
    }
}
