using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Soci
{
    /// <summary>Reads a manifest or index blob whole, refusing sizes no manifest has so hostile descriptors cannot exhaust memory.</summary>
    internal static class ManifestBytes
    {
        public const long MaxSize = 4L * 1024 * 1024;

        public static async Task<byte[]> ReadAsync(IContentReader content, Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (descriptor.Size < 0 || descriptor.Size > MaxSize)
            {
                throw new SociFormatException($"{descriptor.Digest} declares {descriptor.Size} bytes; manifests and indexes larger than {MaxSize} bytes are refused.");
            }
            using var stream = await content.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream((int)descriptor.Size);
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
