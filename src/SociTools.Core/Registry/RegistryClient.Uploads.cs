using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        private const string OctetStream = "application/octet-stream";
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        /// <summary>
        /// Uploads a blob unless the repository has it: in one PUT up to <see cref="RegistryClientOptions.ChunkSize"/>,
        /// else in PATCH chunks. Nothing is committed unless the bytes match the descriptor. A request broken by
        /// a fault is repeated from where the registry says the upload stands, or in a new upload session.
        /// </summary>
        public async Task PushBlobAsync(Reference repository, Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            if (descriptor.Size < 0)
            {
                throw new ContentVerificationException($"The descriptor of {descriptor.Digest} declares a negative size ({descriptor.Size}).");
            }
            if (await HeadBlobAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false) != null) return;
            var subject = repository.WithDigest(descriptor.Digest).ToString();
            if (descriptor.Size > Options.ChunkSize)
            {
                using var replayable = new ReplayableStream(content);
                await PushChunkedAsync(repository, descriptor, replayable, subject, cancellationToken).ConfigureAwait(false);
                return;
            }
            var bytes = new byte[descriptor.Size];
            var read = await FillAsync(content, bytes, cancellationToken).ConfigureAwait(false);
            var extra = await content.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false);
            CheckUploaded(descriptor, read + extra, Digest.Compute(bytes, 0, read));
            for (var failures = 0; ; failures++)
            {
                // A PUT broken part-way leaves its session in an unknown state; a new session is cheap for a small blob.
                var location = await StartUploadAsync(repository, ApiUri(repository, "blobs/uploads/"), subject, cancellationToken).ConfigureAwait(false);
                if (await CompleteUploadAsync(repository, location, descriptor.Digest, new ArraySegment<byte>(bytes), subject, failures, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }

        /// <summary>Links a blob another repository of the same registry has; false when the registry would not mount it.</summary>
        public async Task<bool> MountBlobAsync(Reference repository, Descriptor descriptor, string fromRepository, CancellationToken cancellationToken)
        {
            var subject = repository.WithDigest(descriptor.Digest).ToString();
            var uri = ApiUri(repository, $"blobs/uploads/?mount={Uri.EscapeDataString(descriptor.Digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}");
            var request = new RegistryRequest(HttpMethod.Post, uri, repository, RegistryScope.Mount(repository.Repository, fromRepository), subject);
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, subject, "mount", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Created) return true;
            if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location != null)
            {
                await CancelUploadAsync(repository, Resolve(uri, response.Headers.Location), subject).ConfigureAwait(false);
            }
            return false;
        }

        private async Task<Uri> StartUploadAsync(Reference repository, Uri uri, string subject, CancellationToken cancellationToken)
        {
            var request = new RegistryRequest(HttpMethod.Post, uri, repository, RegistryScope.PullPush(repository.Repository), subject);
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, subject, "start an upload of", cancellationToken).ConfigureAwait(false);
            return NextLocation(uri, response, subject);
        }

        private async Task CancelUploadAsync(Reference repository, Uri location, string subject)
        {
            var request = new RegistryRequest(HttpMethod.Delete, location, repository, RegistryScope.PullPush(repository.Repository), subject);
            try
            {
                using var response = await _transport.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RegistryException)
            {
                // The registry expires abandoned uploads by itself; the verification failure is what matters.
            }
        }

        private static void CheckUploaded(Descriptor descriptor, long size, Digest digest)
        {
            if (size != descriptor.Size)
            {
                throw new ContentVerificationException($"The content given for {descriptor.Digest} is {(size > descriptor.Size ? "longer" : "shorter")} than its declared {descriptor.Size} bytes; nothing was uploaded.");
            }
            if (digest != descriptor.Digest)
            {
                throw new ContentVerificationException($"The content given for {descriptor.Digest} hashes to {digest}; nothing was uploaded.");
            }
        }

        private static Uri NextLocation(Uri requestUri, HttpResponseMessage response, string subject)
        {
            var location = response.Headers.Location
                ?? throw new RegistryException(RegistryErrorKind.Protocol, $"The registry gave no upload location for {subject}.", subject, (int)response.StatusCode);
            return Resolve(requestUri, location);
        }

        private static Uri Resolve(Uri requestUri, Uri location) => location.IsAbsoluteUri ? location : new Uri(requestUri, location);

        /// <summary>Reads until the buffer is full or the stream ends; returns how many bytes came.</summary>
        internal static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var n = await content.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }
            return filled;
        }
    }
}
