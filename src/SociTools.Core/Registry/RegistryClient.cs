using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Registry
{
    /// <summary>A client of the OCI distribution API: manifests, blobs, uploads, tags and referrers, with auth and retries.</summary>
    public sealed partial class RegistryClient : IDisposable
    {
        /// <summary>Manifests larger than this are refused, as registries refuse to store them.</summary>
        public const int MaxManifestSize = (int)Oci.Content.ContentReaderExtensions.MaxManifestSize;

        private static readonly string[] ManifestMediaTypes =
        {
            MediaTypes.OciManifest, MediaTypes.OciIndex, MediaTypes.DockerManifest, MediaTypes.DockerManifestList,
        };

        private readonly RegistryTransport _transport;

        public RegistryClient(RegistryClientOptions? options = null)
        {
            Options = options ?? new RegistryClientOptions();
            _transport = new RegistryTransport(Options);
        }

        public RegistryClientOptions Options { get; }

        /// <summary>Checks that the registry serves the distribution API at <c>/v2/</c>; 401 counts as yes.</summary>
        public async Task PingAsync(Reference registry, CancellationToken cancellationToken)
        {
            var subject = registry.Registry;
            var request = new RegistryRequest(HttpMethod.Get, new Uri(_transport.BaseUri(registry), "v2/"), registry, RegistryScope.None, subject)
            {
                AnswersChallenge = false,
            };
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var apiHeader = response.Headers.TryGetValues("Docker-Distribution-API-Version", out var values) ? values.FirstOrDefault() : null;
            if (response.StatusCode == HttpStatusCode.Unauthorized) return;
            if (response.IsSuccessStatusCode)
            {
                if (apiHeader != null) return;
                var body = await ReadBoundedAsync(response, MaxManifestSize, $"the API root of {subject}", subject, cancellationToken).ConfigureAwait(false);
                if (IsJsonObject(body)) return;
            }
            else if (response.StatusCode != HttpStatusCode.NotFound && (int)response.StatusCode != 405)
            {
                throw await RegistryErrors.FromResponseAsync(response, subject, "reach", _transport.CredentialTried(registry.Registry), Options.ReadTimeout, cancellationToken).ConfigureAwait(false);
            }
            throw new RegistryException(RegistryErrorKind.NotOciRegistry,
                $"{registry.Registry} is not an OCI registry: {_transport.BaseUri(registry)}v2/ answered HTTP {(int)response.StatusCode} without the distribution API. Check the host and port.",
                subject, (int)response.StatusCode);
        }

        /// <summary>Fetches a manifest or index by tag or digest and checks its bytes against the digest.</summary>
        public async Task<ManifestContent> GetManifestAsync(Reference reference, CancellationToken cancellationToken)
        {
            var request = ManifestRequest(HttpMethod.Get, reference, reference.ManifestReference, RegistryScope.Pull(reference.Repository));
            request.StreamResponse = true;
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, reference.ToString(), "fetch the manifest of", cancellationToken).ConfigureAwait(false);
            var bytes = await ReadBoundedAsync(response, MaxManifestSize, $"the manifest of {reference}", reference.ToString(), cancellationToken).ConfigureAwait(false);
            var digest = Oci.Digest.Compute(bytes);
            var expected = reference.Digest ?? HeaderDigest(response);
            if (expected.HasValue && expected.Value != digest)
            {
                throw new ContentVerificationException($"The manifest of {reference} has digest {digest}, not {expected.Value}: the registry returned other content.");
            }
            var mediaType = ManifestMediaType(response, bytes);
            return new ManifestContent(new Descriptor { MediaType = mediaType, Digest = digest, Size = bytes.Length }, bytes);
        }

        /// <summary>Resolves a tag or digest to a descriptor without the body; null when the manifest does not exist.</summary>
        public async Task<Descriptor?> HeadManifestAsync(Reference reference, CancellationToken cancellationToken)
        {
            var request = ManifestRequest(HttpMethod.Head, reference, reference.ManifestReference, RegistryScope.Pull(reference.Repository));
            using (var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                await EnsureSuccessAsync(response, reference.ToString(), "resolve", cancellationToken).ConfigureAwait(false);
                var digest = HeaderDigest(response) ?? reference.Digest;
                var mediaType = response.Content?.Headers.ContentType?.MediaType;
                var size = response.Content?.Headers.ContentLength;
                if (digest.HasValue && size.HasValue && ManifestMediaTypes.Contains(mediaType))
                {
                    return new Descriptor { MediaType = mediaType!, Digest = digest.Value, Size = size.Value };
                }
            }
            // Some registries omit the digest or type on HEAD; the body tells both.
            return (await GetManifestAsync(reference, cancellationToken).ConfigureAwait(false)).Descriptor;
        }

        /// <summary>Uploads a manifest under a tag or its digest (the reference's digest, else tag); returns its descriptor.</summary>
        public async Task<Descriptor> PutManifestAsync(Reference reference, string mediaType, byte[] content, CancellationToken cancellationToken)
        {
            if (content.Length > MaxManifestSize)
            {
                throw new RegistryException(RegistryErrorKind.Protocol,
                    $"The manifest for {reference} is {content.Length} bytes; registries accept at most {MaxManifestSize}.", reference.ToString());
            }
            var digest = Oci.Digest.Compute(content);
            if (reference.Digest.HasValue && reference.Digest.Value != digest)
            {
                throw new ContentVerificationException($"The manifest pushed as {reference} has digest {digest}, not the one named.");
            }
            var target = reference.Digest?.ToString() ?? reference.Tag ?? digest.ToString();
            var request = ManifestRequest(HttpMethod.Put, reference, target, RegistryScope.PullPush(reference.Repository));
            request.Accept.Clear();
            request.Body = new ArraySegment<byte>(content);
            request.ContentType = mediaType;
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, reference.ToString(), "push the manifest of", cancellationToken).ConfigureAwait(false);
            var answered = HeaderDigest(response);
            if (answered.HasValue && answered.Value != digest)
            {
                throw new ContentVerificationException($"The registry stored the manifest of {reference} as {answered.Value}, but its bytes hash to {digest}.");
            }
            var descriptor = new Descriptor { MediaType = mediaType, Digest = digest, Size = content.Length };
            if (!response.Headers.Contains("OCI-Subject"))
            {
                await IndexReferrerIfItHasSubjectAsync(reference, descriptor, content, cancellationToken).ConfigureAwait(false);
            }
            return descriptor;
        }

        /// <summary>Deletes a manifest by digest (the registry must allow deletes).</summary>
        /// <exception cref="RegistryException">Kind <see cref="RegistryErrorKind.Unsupported"/> when the registry has deletes disabled.</exception>
        public async Task DeleteManifestAsync(Reference repository, Digest digest, CancellationToken cancellationToken)
        {
            var reference = repository.WithDigest(digest);
            var request = ManifestRequest(HttpMethod.Delete, repository, digest.ToString(), RegistryScope.Delete(repository.Repository));
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                // distribution answers 405 UNSUPPORTED when storage.delete.enabled is false.
                throw new RegistryException(RegistryErrorKind.Unsupported,
                    $"{repository.Registry} does not allow deleting manifests (HTTP 405), so {reference} was not deleted. " +
                    "Ask the registry's administrator to enable deletes (for the distribution registry: storage.delete.enabled: true).",
                    reference.ToString(), 405);
            }
            await EnsureSuccessAsync(response, reference.ToString(), "delete", cancellationToken).ConfigureAwait(false);
        }

        private RegistryRequest ManifestRequest(HttpMethod method, Reference reference, string target, RegistryScope scope)
        {
            var request = new RegistryRequest(method, ApiUri(reference, "manifests/" + Uri.EscapeDataString(target)), reference, scope, reference.ToString());
            foreach (var type in ManifestMediaTypes) request.Accept.Add(type);
            return request;
        }

        internal Uri ApiUri(Reference reference, string suffix) =>
            new Uri(_transport.BaseUri(reference), "v2/" + reference.Repository + "/" + suffix);

        internal async Task EnsureSuccessAsync(HttpResponseMessage response, string subject, string action, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (response.IsSuccessStatusCode) return;
            throw await RegistryErrors.FromResponseAsync(
                response, subject, action, _transport.CredentialTried(RegistryErrors.RegistryOf(subject)), Options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        }

        internal static Digest? HeaderDigest(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Docker-Content-Digest", out var values) && Oci.Digest.TryParse(values.FirstOrDefault(), out var digest)
                ? digest
                : (Digest?)null;

        private static string ManifestMediaType(HttpResponseMessage response, byte[] bytes)
        {
            var header = response.Content?.Headers.ContentType?.MediaType;
            if (ManifestMediaTypes.Contains(header)) return header!;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    return m.GetString()!;
                }
                return document.RootElement.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
            }
            catch (JsonException)
            {
                return header ?? MediaTypes.OciManifest;
            }
        }

        /// <summary>Reads a whole body of at most <paramref name="limit"/> bytes, with the client's read timeout.</summary>
        internal Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int limit, string what, string subject, CancellationToken cancellationToken) =>
            ResponseStream.ReadBoundedAsync(response, limit, what, subject, Options.ReadTimeout, cancellationToken);

        private static bool IsJsonObject(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public void Dispose() => _transport.Dispose();
    }
}
