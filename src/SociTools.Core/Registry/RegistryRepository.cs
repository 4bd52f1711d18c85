using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Registry
{
    /// <summary>One registry repository seen as an <see cref="IOciStore"/>, so it is used like an OCI layout.</summary>
    public sealed class RegistryRepository : IOciStore
    {
        private readonly RegistryClient _client;

        public RegistryRepository(RegistryClient client, Reference repository)
        {
            _client = client;
            Repository = new Reference(repository.Registry, repository.Repository);
        }

        /// <summary>The repository, without tag or digest.</summary>
        public Reference Repository { get; }

        public RegistryClient Client => _client;

        public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
        {
            var target = ReferenceTo(reference);
            return await _client.HeadManifestAsync(target, cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException(RegistryErrorKind.NotFound,
                    $"{target} was not found on {target.Registry}. Check the repository name and the tag or digest.",
                    target.ToString(), 404);
        }

        public async Task TagAsync(Descriptor descriptor, string tag, CancellationToken cancellationToken)
        {
            var manifest = await _client.GetManifestAsync(Repository.WithDigest(descriptor.Digest), cancellationToken).ConfigureAwait(false);
            await _client.PutManifestAsync(Repository.WithTag(tag), manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (!IsManifest(descriptor)) return await _client.OpenBlobAsync(Repository, descriptor, cancellationToken).ConfigureAwait(false);
            var manifest = await _client.GetManifestAsync(Repository.WithDigest(descriptor.Digest), cancellationToken).ConfigureAwait(false);
            if (manifest.Bytes.Length != descriptor.Size)
            {
                throw new ContentVerificationException($"The manifest {descriptor.Digest} is {manifest.Bytes.Length} bytes, not its declared {descriptor.Size}.");
            }
            return new MemoryStream(manifest.Bytes, writable: false);
        }

        public async Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            return IsManifest(descriptor)
                ? await _client.HeadManifestAsync(Repository.WithDigest(descriptor.Digest), cancellationToken).ConfigureAwait(false) != null
                : await _client.HeadBlobAsync(Repository, descriptor.Digest, cancellationToken).ConfigureAwait(false) != null;
        }

        public async Task PushAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            if (!IsManifest(descriptor))
            {
                await _client.PushBlobAsync(Repository, descriptor, content, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (descriptor.Size < 0 || descriptor.Size > RegistryClient.MaxManifestSize)
            {
                throw new ContentVerificationException($"The manifest {descriptor.Digest} declares {descriptor.Size} bytes; manifests hold 0 to {RegistryClient.MaxManifestSize}.");
            }
            var bytes = new byte[descriptor.Size];
            var filled = await RegistryClient.FillAsync(content, bytes, cancellationToken).ConfigureAwait(false);
            if (filled != descriptor.Size || await content.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new ContentVerificationException($"The content given for manifest {descriptor.Digest} is not its declared {descriptor.Size} bytes; nothing was pushed.");
            }
            await _client.PutManifestAsync(Repository.WithDigest(descriptor.Digest), descriptor.MediaType, bytes, cancellationToken).ConfigureAwait(false);
        }

        private Reference ReferenceTo(string reference)
        {
            if (Digest.TryParse(reference, out var digest)) return Repository.WithDigest(digest);
            try
            {
                return Repository.WithTag(reference);
            }
            catch (FormatException ex)
            {
                throw new RegistryException(RegistryErrorKind.NotFound, $"'{reference}' is neither a tag nor a digest of {Repository}: {ex.Message}", Repository + ":" + reference, null, ex);
            }
        }

        private static bool IsManifest(Descriptor descriptor) =>
            MediaTypes.IsManifest(descriptor.MediaType) || MediaTypes.IsIndex(descriptor.MediaType);
    }
}
