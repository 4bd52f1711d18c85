using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        /// <summary>Looks a blob up by digest; null when the repository does not have it.</summary>
        public async Task<Descriptor?> HeadBlobAsync(Reference repository, Digest digest, CancellationToken cancellationToken)
        {
            var subject = repository.WithDigest(digest).ToString();
            var request = new RegistryRequest(HttpMethod.Head, BlobUri(repository, digest), repository, RegistryScope.Pull(repository.Repository), subject);
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            await EnsureSuccessAsync(response, subject, "look up", cancellationToken).ConfigureAwait(false);
            return new Descriptor
            {
                MediaType = response.Content?.Headers.ContentType?.MediaType ?? "application/octet-stream",
                Digest = digest,
                Size = response.Content?.Headers.ContentLength ?? -1,
            };
        }

        /// <summary>Streams a blob; the stream fails with <see cref="ContentVerificationException"/> unless exactly the described bytes arrive.</summary>
        public async Task<Stream> OpenBlobAsync(Reference repository, Descriptor descriptor, CancellationToken cancellationToken)
        {
            var subject = repository.WithDigest(descriptor.Digest).ToString();
            var request = new RegistryRequest(HttpMethod.Get, BlobUri(repository, descriptor.Digest), repository, RegistryScope.Pull(repository.Repository), subject)
            {
                StreamResponse = true,
            };
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                await EnsureSuccessAsync(response, subject, "download", cancellationToken).ConfigureAwait(false);
                var length = response.Content.Headers.ContentLength;
                if (length.HasValue && length.Value != descriptor.Size)
                {
                    throw new ContentVerificationException($"The registry sent {length.Value} bytes for {subject}, whose descriptor says {descriptor.Size}.");
                }
                return new VerifyingStream(await ResponseStream.OpenAsync(response, subject, Options.ReadTimeout, cancellationToken).ConfigureAwait(false), descriptor);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>Reads <paramref name="length"/> bytes of a blob from <paramref name="offset"/> with one ranged request.</summary>
        public async Task<byte[]> ReadBlobRangeAsync(Reference repository, Digest digest, long offset, int length, CancellationToken cancellationToken)
        {
            if (offset < 0 || length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "A blob range needs offset >= 0 and length > 0.");
            var subject = repository.WithDigest(digest).ToString();
            var last = offset + length - 1;
            var request = new RegistryRequest(HttpMethod.Get, BlobUri(repository, digest), repository, RegistryScope.Pull(repository.Repository), subject)
            {
                StreamResponse = true,
                Range = new RangeHeaderValue(offset, last),
            };
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, subject, "read a range of", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                throw new RegistryException(RegistryErrorKind.Protocol,
                    $"{repository.Registry} does not serve byte ranges of {subject} (it answered HTTP {(int)response.StatusCode} to 'Range: bytes={offset}-{last}').",
                    subject, (int)response.StatusCode);
            }
            var range = response.Content.Headers.ContentRange;
            if (range == null || range.From != offset || range.To != last)
            {
                throw new RegistryException(RegistryErrorKind.Protocol,
                    $"{repository.Registry} answered the range {offset}-{last} of {subject} with Content-Range '{range}'.", subject, 206);
            }
            using var body = await ResponseStream.OpenAsync(response, subject, Options.ReadTimeout, cancellationToken).ConfigureAwait(false);
            var bytes = new byte[length];
            var filled = 0;
            while (filled < length)
            {
                var n = await body.ReadAsync(bytes, filled, length - filled, cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new ContentVerificationException($"The range {offset}-{last} of {subject} ended after {filled} of {length} bytes.");
                filled += n;
            }
            if (await body.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new ContentVerificationException($"The range {offset}-{last} of {subject} is longer than {length} bytes.");
            }
            return bytes;
        }

        private Uri BlobUri(Reference repository, Digest digest) => ApiUri(repository, "blobs/" + digest);
    }
}
