using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Oci.Content
{
    /// <summary>A store's content plus blobs held in memory (a freshly built index and its zTOCs), read as one.</summary>
    public sealed class OverlayContentReader : IContentReader
    {
        private readonly IContentReader _base;
        private readonly Dictionary<Digest, byte[]> _added = new Dictionary<Digest, byte[]>();

        public OverlayContentReader(IContentReader baseStore)
        {
            _base = baseStore;
        }

        public void Add(Digest digest, byte[] content) => _added[digest] = content;

        public Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
            _added.TryGetValue(descriptor.Digest, out var bytes)
                ? Task.FromResult<Stream>(new VerifyingStream(new MemoryStream(bytes, writable: false), descriptor))
                : _base.OpenAsync(descriptor, cancellationToken);

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
            _added.ContainsKey(descriptor.Digest) ? Task.FromResult(true) : _base.ExistsAsync(descriptor, cancellationToken);
    }
}
