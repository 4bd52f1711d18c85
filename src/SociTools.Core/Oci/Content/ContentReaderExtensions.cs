using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Content
{
    /// <summary>Reads small verified documents (manifests, indexes, configs) whole from any content reader.</summary>
    public static class ContentReaderExtensions
    {
        /// <summary>Manifests, indexes and image configs larger than this are refused rather than loaded into memory.</summary>
        public const long MaxDocumentSize = 32L * 1024 * 1024;

        /// <summary>The stricter limit for content that must be a manifest or index, as registries store no larger ones.</summary>
        public const long MaxManifestSize = 4L * 1024 * 1024;

        private const int InitialBufferSize = 1024 * 1024;

        public static Task<byte[]> ReadAllBytesAsync(this IContentReader reader, Descriptor descriptor, CancellationToken cancellationToken) =>
            reader.ReadAllBytesAsync(descriptor, MaxDocumentSize, cancellationToken);

        /// <summary>
        /// Reads the content whole, refusing a declared size above <paramref name="maxSize"/>; the buffer grows with the bytes
        /// that arrive, so a descriptor declaring a large size costs memory only once that many bytes come.
        /// </summary>
        public static async Task<byte[]> ReadAllBytesAsync(this IContentReader reader, Descriptor descriptor, long maxSize, CancellationToken cancellationToken)
        {
            if (descriptor.Size < 0 || descriptor.Size > maxSize)
            {
                throw new SociFormatException(
                    $"{descriptor.MediaType} {descriptor.Digest} declares {descriptor.Size} bytes; documents over {maxSize} bytes are refused.");
            }
            if (descriptor.Data != null && descriptor.Data.Length == descriptor.Size && Digest.Compute(descriptor.Data) == descriptor.Digest)
            {
                return descriptor.Data;
            }
            var content = new byte[Math.Min(descriptor.Size, InitialBufferSize)];
            using (var stream = await reader.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false))
            {
                var filled = 0;
                while (true)
                {
                    if (filled == content.Length)
                    {
                        if (filled == descriptor.Size) break;
                        Array.Resize(ref content, (int)Math.Min(descriptor.Size, 2L * content.Length));
                    }
                    var read = await stream.ReadAsync(content, filled, content.Length - filled, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    filled += read;
                }
                // One more read lets the verifying stream check the end: a short or longer blob, or a wrong digest.
                var probe = new byte[1];
                await stream.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false);
                if (filled != descriptor.Size)
                {
                    throw new ContentVerificationException($"{descriptor.Digest} ended after {filled} of its {descriptor.Size} bytes.");
                }
            }
            return content;
        }

        public static async Task<Manifest> ReadManifestAsync(this IContentReader reader, Descriptor descriptor, CancellationToken cancellationToken)
        {
            var bytes = await reader.ReadAllBytesAsync(descriptor, cancellationToken).ConfigureAwait(false);
            return OciJson.ReadManifest(bytes);
        }

        public static async Task<ImageIndex> ReadIndexAsync(this IContentReader reader, Descriptor descriptor, CancellationToken cancellationToken)
        {
            var bytes = await reader.ReadAllBytesAsync(descriptor, cancellationToken).ConfigureAwait(false);
            return OciJson.ReadIndex(bytes);
        }
    }
}
