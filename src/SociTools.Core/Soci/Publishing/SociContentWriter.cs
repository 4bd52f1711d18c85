using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Writes built SOCI content into a store in dependency order: the zTOCs and config before the
    /// index that names them, and the rewritten manifests before the image index that lists them.
    /// </summary>
    public static class SociContentWriter
    {
        /// <param name="written">Told of each blob, written or already in the store.</param>
        public static async Task WriteIndexAsync(IBlobStore store, SociIndexBuildResult index, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            foreach (var ztoc in index.Ztocs)
            {
                var descriptor = new Descriptor { MediaType = MediaTypes.SociZtoc, Digest = ztoc.Digest, Size = ztoc.Size };
                await WriteIfMissingAsync(store, descriptor, ztoc.Bytes, written, cancellationToken).ConfigureAwait(false);
            }
            await WriteIfMissingAsync(store, index.ConfigDescriptor, index.ConfigBytes, written, cancellationToken).ConfigureAwait(false);
            await WriteIfMissingAsync(store, index.IndexDescriptor, index.IndexBytes, written, cancellationToken).ConfigureAwait(false);
        }

        public static async Task WriteConvertedImageAsync(IBlobStore store, SociConversionResult converted, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            foreach (var (descriptor, bytes) in converted.RewrittenManifests)
            {
                await WriteIfMissingAsync(store, descriptor, bytes, written, cancellationToken).ConfigureAwait(false);
            }
            await WriteIfMissingAsync(store, converted.ImageIndexDescriptor, converted.ImageIndexBytes, written, cancellationToken).ConfigureAwait(false);
        }

        public static async Task WriteIfMissingAsync(IBlobStore store, Descriptor descriptor, byte[] bytes, IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            if (await store.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false))
            {
                written?.Report(new CopiedContent(descriptor, alreadyPresent: true));
                return;
            }
            using var content = new MemoryStream(bytes, writable: false);
            await store.PushAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
            written?.Report(new CopiedContent(descriptor, alreadyPresent: false));
        }
    }
}
