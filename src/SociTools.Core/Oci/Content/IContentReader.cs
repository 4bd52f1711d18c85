using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Oci.Content
{
    /// <summary>Reads blobs and manifests by descriptor from a layout, an archive or a registry.</summary>
    public interface IContentReader
    {
        /// <summary>
        /// Opens the content; the stream yields exactly <c>descriptor.Size</c> bytes and fails with
        /// <see cref="ContentVerificationException"/> when the bytes do not match the digest.
        /// </summary>
        Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken);

        Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken);
    }
}
