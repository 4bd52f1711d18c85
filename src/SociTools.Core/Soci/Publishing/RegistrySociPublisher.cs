using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Registry;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Pushes SOCI indexes built for an image already in a registry into the same repository. v2: the
    /// zTOCs and index, then the SOCI-enabled image, which replaces the image at its tag. v1: the zTOCs,
    /// then the index, which names the image as its subject (the client keeps the referrers tag up to date).
    /// </summary>
    public static class RegistrySociPublisher
    {
        public static async Task<IReadOnlyList<PublishedSociIndex>> PublishAsync(
            RegistryRepository repository, string? tag, Descriptor image, IReadOnlyList<PlatformIndex> indexes, SociIndexVersion version,
            IProgress<CopiedContent>? written, CancellationToken cancellationToken)
        {
            foreach (var index in indexes)
            {
                await SociContentWriter.WriteIndexAsync(repository, index.Build, written, cancellationToken).ConfigureAwait(false);
            }
            if (version == SociIndexVersion.V1)
            {
                return indexes.Select(i => new PublishedSociIndex(i, null)).ToList();
            }
            var converted = await SociConversion.ConvertAsync(repository, image, indexes, cancellationToken).ConfigureAwait(false);
            await SociContentWriter.WriteConvertedImageAsync(repository, converted, written, cancellationToken).ConfigureAwait(false);
            if (tag != null)
            {
                await repository.Client.PutManifestAsync(repository.Repository.WithTag(tag), converted.ImageIndexDescriptor.MediaType,
                    converted.ImageIndexBytes, cancellationToken).ConfigureAwait(false);
            }
            return PublishedSociIndex.Converted(indexes, converted);
        }
    }
}
