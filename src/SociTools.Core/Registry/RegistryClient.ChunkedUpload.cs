using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        /// <summary>
        /// Uploads a blob in PATCH chunks. A chunk broken by a fault resumes where the registry says the upload
        /// stands; when the registry lost the session (distribution drops one that took a partial chunk), a new
        /// session starts from the first byte.
        /// </summary>
        private async Task PushChunkedAsync(Reference repository, Descriptor descriptor, ReplayableStream content, string subject, CancellationToken cancellationToken)
        {
            var faults = new UploadFaults();
            var maxSessions = Math.Max(1, Options.Retry.MaxAttempts);
            for (var session = 1; ; session++)
            {
                content.Rewind();
                var location = await StartUploadAsync(repository, ApiUri(repository, "blobs/uploads/"), subject, cancellationToken).ConfigureAwait(false);
                var uploaded = await UploadChunksAsync(repository, location, descriptor, content, subject, faults, cancellationToken).ConfigureAwait(false);
                while (uploaded != null)
                {
                    if (await CompleteUploadAsync(repository, uploaded, descriptor.Digest, null, subject, faults.Count, cancellationToken).ConfigureAwait(false)) return;
                    faults.Count++;
                    // The commit may have happened with only its answer lost.
                    if (await HeadBlobAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false) != null) return;
                    var status = await UploadStatusAsync(repository, uploaded, subject, cancellationToken).ConfigureAwait(false);
                    uploaded = status.HasValue && status.Value.Length == descriptor.Size ? status.Value.Location : null;
                }
                if (session >= maxSessions)
                {
                    throw new RegistryException(RegistryErrorKind.Network,
                        $"{repository.Registry} lost the upload of {subject} {session} times after broken requests. Check the network and any proxy, then push again.",
                        subject);
                }
            }
        }

        /// <summary>Sends the content in chunks; returns the location to commit at, or null when the registry lost the session.</summary>
        private async Task<Uri?> UploadChunksAsync(
            Reference repository, Uri location, Descriptor descriptor, ReplayableStream content, string subject, UploadFaults faults, CancellationToken cancellationToken)
        {
            try
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[Options.ChunkSize];
                long offset = 0;
                while (true)
                {
                    var n = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
                    if (n == 0) break;
                    if (offset + n > descriptor.Size) CheckUploaded(descriptor, offset + n, default);
                    hash.AppendData(buffer, 0, n);
                    var sent = 0;
                    while (sent < n)
                    {
                        var request = new RegistryRequest(Patch, location, repository, RegistryScope.PullPush(repository.Repository), subject)
                        {
                            Body = new ArraySegment<byte>(buffer, sent, n - sent),
                            ContentType = OctetStream,
                            ContentRange = $"{offset + sent}-{offset + n - 1}",
                        };
                        using (var response = await SendUploadAsync(request, faults.Count, "upload a chunk of", cancellationToken).ConfigureAwait(false))
                        {
                            if (response != null)
                            {
                                if (faults.Count > 0 && IsLostSession(response)) return null;
                                await EnsureSuccessAsync(response, subject, "upload a chunk of", cancellationToken).ConfigureAwait(false);
                                location = NextLocation(location, response, subject);
                                sent = n;
                                faults.Count = 0;
                                continue;
                            }
                        }
                        faults.Count++;
                        var status = await UploadStatusAsync(repository, location, subject, cancellationToken).ConfigureAwait(false);
                        if (!status.HasValue || status.Value.Length < offset || status.Value.Length > offset + n) return null;
                        sent = (int)(status.Value.Length - offset);
                        location = status.Value.Location;
                    }
                    offset += n;
                }
                CheckUploaded(descriptor, offset, Digest.FromSha256Hash(hash.GetHashAndReset()));
                return location;
            }
            catch (ContentVerificationException)
            {
                await CancelUploadAsync(repository, location, subject).ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Commits an upload with its digest; false after a fault worth another try (the session's state is then unknown).</summary>
        private async Task<bool> CompleteUploadAsync(
            Reference repository, Uri location, Digest digest, ArraySegment<byte>? body, string subject, int failuresSoFar, CancellationToken cancellationToken)
        {
            var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
            var uri = new Uri(location.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
            var request = new RegistryRequest(HttpMethod.Put, uri, repository, RegistryScope.PullPush(repository.Repository), subject)
            {
                Body = body,
                ContentType = OctetStream,
            };
            using var response = await SendUploadAsync(request, failuresSoFar, "finish the upload of", cancellationToken).ConfigureAwait(false);
            if (response == null) return false;
            if (failuresSoFar > 0 && IsLostSession(response)) return false;
            await EnsureSuccessAsync(response, subject, "finish the upload of", cancellationToken).ConfigureAwait(false);
            var stored = HeaderDigest(response);
            if (stored.HasValue && stored.Value != digest)
            {
                throw new ContentVerificationException($"The registry stored the upload of {subject} as {stored.Value}.");
            }
            return true;
        }

        /// <summary>
        /// Sends an upload request once. Null after a broken connection, 429, 5xx or 416 (once waited for), so the
        /// caller can ask where the upload stands; past the retry limit the fault is thrown instead.
        /// </summary>
        private async Task<HttpResponseMessage?> SendUploadAsync(RegistryRequest request, int failuresSoFar, string action, CancellationToken cancellationToken)
        {
            request.RetriedByCaller = true;
            var policy = Options.Retry;
            var lastAttempt = failuresSoFar + 1 >= Math.Max(1, policy.MaxAttempts);
            HttpResponseMessage response;
            try
            {
                response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.Network && ex.InnerException != null)
            {
                if (lastAttempt)
                {
                    throw new RegistryException(RegistryErrorKind.Network,
                        $"Could not {action} {request.Subject}: the request broke off {failuresSoFar + 1} time(s) in a row ({RetryingSender.Describe(ex.InnerException).TrimEnd('.')}). " +
                        "Check the network and any proxy, then try again.", request.Subject, null, ex.InnerException);
                }
                await policy.WaitAsync(policy.DelayBefore(failuresSoFar + 2, null), cancellationToken).ConfigureAwait(false);
                return null;
            }
            var status = response.StatusCode;
            if (!RetryingSender.IsTransient(status) && status != HttpStatusCode.RequestedRangeNotSatisfiable) return response;
            if (lastAttempt) return response;
            var delay = policy.DelayBefore(failuresSoFar + 2, RetryingSender.RetryAfter(response));
            response.Dispose();
            await policy.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            return null;
        }

        /// <summary>
        /// After a broken request, distribution may cancel the session a moment after it still answered a status
        /// check, so the next request on it meets an unknown or invalid upload.
        /// </summary>
        private static bool IsLostSession(HttpResponseMessage response) =>
            response.StatusCode == HttpStatusCode.NotFound || response.StatusCode == HttpStatusCode.BadRequest;

        /// <summary>How many bytes the registry holds of an upload and where to continue it; null when it no longer knows the session.</summary>
        private async Task<(long Length, Uri Location)?> UploadStatusAsync(Reference repository, Uri location, string subject, CancellationToken cancellationToken)
        {
            var request = new RegistryRequest(HttpMethod.Get, location, repository, RegistryScope.PullPush(repository.Repository), subject);
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsLostSession(response) || response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return null;
            await EnsureSuccessAsync(response, subject, "check the upload of", cancellationToken).ConfigureAwait(false);
            var next = response.Headers.Location != null ? Resolve(location, response.Headers.Location) : location;
            return (UploadedLength(response), next);
        }

        /// <summary>The upload's length from its <c>Range: 0-last</c> header; distribution also answers 0-0 for an empty upload.</summary>
        private static long UploadedLength(HttpResponseMessage response)
        {
            var value = response.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
            if (value == null) return 0;
            var text = value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) ? value.Substring(6) : value;
            var dash = text.IndexOf('-');
            if (dash < 0 || !long.TryParse(text.Substring(dash + 1), out var last) || last < 0) return 0;
            return last == 0 ? 0 : last + 1;
        }

        /// <summary>Faults met in a row by one upload; reset by each accepted chunk.</summary>
        private sealed class UploadFaults
        {
            public int Count { get; set; }
        }
    }
}
