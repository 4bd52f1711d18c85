using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Content
{
    /// <summary>
    /// Copies an image graph (index → manifests → config and layers) from one store to another,
    /// children before parents, so the destination never holds a manifest whose content is missing.
    /// Content already at the destination is not sent again.
    /// </summary>
    public sealed class ImageGraphCopier
    {
        private readonly IContentReader _source;
        private readonly IOciStore _destination;
        private readonly IProgress<CopiedContent>? _copied;
        private readonly IProgress<(Descriptor Blob, long Bytes)>? _bytes;
        private readonly HashSet<Digest> _done = new HashSet<Digest>();

        public ImageGraphCopier(IContentReader source, IOciStore destination, IProgress<CopiedContent>? copied, IProgress<(Descriptor Blob, long Bytes)>? bytes)
        {
            _source = source;
            _destination = destination;
            _copied = copied;
            _bytes = bytes;
        }

        /// <summary>Bytes of blob and manifest content sent so far.</summary>
        public long BytesSent { get; private set; }

        public int Sent { get; private set; }

        public int AlreadyPresent { get; private set; }

        /// <summary>Copies the graph under <paramref name="root"/>; index entries missing from the source are left out of the walk.</summary>
        public async Task CopyAsync(Descriptor root, CancellationToken cancellationToken)
        {
            if (!_done.Add(root.Digest)) return;
            if (MediaTypes.IsIndex(root.MediaType))
            {
                var index = OciJson.ReadIndex(await _source.ReadAllBytesAsync(root, cancellationToken).ConfigureAwait(false));
                foreach (var child in index.Manifests)
                {
                    if (await _source.ExistsAsync(child, cancellationToken).ConfigureAwait(false))
                    {
                        await CopyAsync(child, cancellationToken).ConfigureAwait(false);
                    }
                    else if (!await _destination.ExistsAsync(child, cancellationToken).ConfigureAwait(false))
                    {
                        throw new SociFormatException(
                            $"The image index {root.Digest} lists {child.Digest} ({child.Platform?.ToString() ?? child.MediaType}), which is neither in the source nor at the destination; push that platform first or choose the platforms to push.");
                    }
                }
            }
            else if (MediaTypes.IsManifest(root.MediaType))
            {
                var manifest = OciJson.ReadManifest(await _source.ReadAllBytesAsync(root, cancellationToken).ConfigureAwait(false));
                foreach (var blob in new[] { manifest.Config }.Concat(manifest.Layers))
                {
                    if (_done.Add(blob.Digest)) await CopyBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                }
            }
            await CopyBlobAsync(root, cancellationToken).ConfigureAwait(false);
        }

        private async Task CopyBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (await _destination.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false))
            {
                AlreadyPresent++;
                _copied?.Report(new CopiedContent(descriptor, alreadyPresent: true));
                return;
            }
            using (var content = await _source.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false))
            using (var counted = new CountingReadStream(content, n => _bytes?.Report((descriptor, n))))
            {
                await _destination.PushAsync(descriptor, counted, cancellationToken).ConfigureAwait(false);
            }
            BytesSent += descriptor.Size;
            Sent++;
            _copied?.Report(new CopiedContent(descriptor, alreadyPresent: false));
        }
    }
}
