using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Soci
{
    /// <summary>A content reader whose large blobs are read ahead of the consumer (see <see cref="ReadAheadStream"/>); small ones are read as they are.</summary>
    internal sealed class ReadAheadContentReader : IContentReader
    {
        private const int BufferSize = 2 * 1024 * 1024;
        private const int BufferCount = 8;

        private readonly IContentReader _inner;

        public ReadAheadContentReader(IContentReader inner)
        {
            _inner = inner;
        }

        public async Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            var content = await _inner.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
            return descriptor.Size > BufferSize ? new ReadAheadStream(content, BufferSize, BufferCount) : content;
        }

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => _inner.ExistsAsync(descriptor, cancellationToken);
    }
}
