using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// Sends registry requests: picks http or https, adds known credentials (only ever to the registry's own origin),
    /// answers one 401 challenge of the registry and repeats the request, follows redirects of reads, and retries faults.
    /// </summary>
    internal sealed class RegistryTransport : IDisposable
    {
        private const int MaxRedirects = 5;

        /// <summary>Enough for parallel blob uploads and the layer reads of an index built while pushing.</summary>
        internal const int MaxConnectionsPerHost = 32;
        private readonly HttpClient _http;
        private readonly RegistryClientOptions _options;
        private readonly RetryingSender _sender;

        public RegistryTransport(RegistryClientOptions options)
        {
            _options = options;
            var handler = options.HttpMessageHandler ?? CreateHandler();
            _http = new HttpClient(handler, disposeHandler: options.HttpMessageHandler == null) { Timeout = options.RequestTimeout };
            _sender = new RetryingSender(_http, options.Retry, options.ReadTimeout, options.Requests);
            Authenticator = new RegistryAuthenticator(_sender, options, UsesPlainHttp);
        }

        public RegistryAuthenticator Authenticator { get; }

        /// <summary>
        /// The handler the client owns. On .NET Framework (Windows PowerShell 5.1) and Mono, HttpClientHandler's TLS versions
        /// and connections per host default to ServicePointManager's process-wide settings (often TLS 1.0, and 2 connections),
        /// which other modules share; so both are set here, on this handler only.
        /// </summary>
        internal static HttpClientHandler CreateHandler()
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = MaxConnectionsPerHost };
            // TLS 1.2 exactly: .NET Framework before 4.8 refuses the TLS 1.3 flag, and SChannel on Windows without TLS 1.3
            // can fail the handshake when asked for it; every registry SociTools pushes to (ECR included) speaks TLS 1.2.
            if (TlsDefaultsToServicePointManager) handler.SslProtocols = SslProtocols.Tls12;
            return handler;
        }

        /// <summary>.NET Core and .NET 5+ leave TLS versions to the OS (1.2 and 1.3 today), a default worth keeping there.</summary>
        internal static bool TlsDefaultsToServicePointManager =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            || RuntimeInformation.FrameworkDescription.StartsWith("Mono", StringComparison.Ordinal);

        public RegistryCredential? CredentialTried(string registry) => Authenticator.CredentialTried(registry);

        /// <summary>The API root for a registry: <c>https://host/</c>, or http for loopback hosts and insecure mode.</summary>
        public Uri BaseUri(Reference reference) => BaseUri(reference.ApiHost);

        private Uri BaseUri(string apiHost) => new Uri($"{(UsesPlainHttp(apiHost) ? "http" : "https")}://{apiHost}/");

        private bool UsesPlainHttp(string host) => _options.Insecure || IsLoopback(host);

        /// <summary>
        /// Sends a request with the registry's credentials attached only where the registry itself answers: every URL
        /// the registry hands back (an upload location, a redirect, a next page) is followed like a redirect.
        /// </summary>
        public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
        {
            var origin = BaseUri(request.ApiHost);
            var authorization = await Authenticator.KnownAuthorizationAsync(request.Registry, request.Scope, cancellationToken).ConfigureAwait(false);
            var (response, answeredBy) = await SendFollowingRedirectsAsync(request, origin, authorization, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !request.AnswersChallenge) return response;
            // Only the registry may ask for its credentials: a host it sent us to gets none, whatever it challenges.
            if (!IsSameOrigin(answeredBy, origin)) return response;

            var challenge = AuthChallenge.From(response.Headers);
            if (challenge == null) return response;
            var answer = await Authenticator.AnswerAsync(request.Registry, request.Scope, challenge, request.Subject, cancellationToken).ConfigureAwait(false);
            if (answer == null) return response;
            response.Dispose();
            return (await SendFollowingRedirectsAsync(request, origin, answer, cancellationToken).ConfigureAwait(false)).Response;
        }

        private async Task<(HttpResponseMessage Response, Uri AnsweredBy)> SendFollowingRedirectsAsync(
            RegistryRequest request, Uri origin, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
        {
            var uri = request.Uri;
            var namedBy = origin;
            var followsRedirects = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
            for (var hop = 0; ; hop++)
            {
                var target = uri;
                RefuseDowngrade(target, namedBy, request.Subject);
                var response = await _sender.SendAsync(
                    () => request.Build(target, IsSameOrigin(target, origin) ? authorization : null, _options.UserAgent),
                    request.StreamResponse, request.Subject, cancellationToken, request.RetriedByCaller).ConfigureAwait(false);
                if (!followsRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location == null) return (response, target);
                if (hop >= MaxRedirects)
                {
                    response.Dispose();
                    throw new RegistryException(RegistryErrorKind.Protocol,
                        $"The registry redirected the request for {request.Subject} more than {MaxRedirects} times.", request.Subject, (int)response.StatusCode);
                }
                uri = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(target, response.Headers.Location);
                namedBy = target;
                response.Dispose();
            }
        }

        /// <summary>A URL reached over https never leads to plain http: what it names would travel unprotected.</summary>
        private static void RefuseDowngrade(Uri target, Uri namedBy, string subject)
        {
            if (!string.Equals(namedBy.Scheme, "https", StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(target.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            throw new RegistryException(RegistryErrorKind.Protocol,
                $"The registry at {namedBy.Authority} sent the request for {subject} on to {target.Scheme}://{target.Authority} over plain http; " +
                "SociTools does not leave TLS for a registry reached over https. Ask the registry's administrator to fix its redirects or upload locations.",
                subject);
        }

        /// <summary>Credentials follow a redirect only to the same scheme, host and port (never from https down to http).</summary>
        internal static bool IsSameOrigin(Uri target, Uri origin) =>
            string.Equals(target.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(target.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            target.Port == origin.Port;

        private static bool IsRedirect(HttpStatusCode status) =>
            status == HttpStatusCode.MovedPermanently || status == HttpStatusCode.Found || status == HttpStatusCode.SeeOther ||
            status == HttpStatusCode.TemporaryRedirect || (int)status == 308;

        internal static bool IsLoopback(string hostAndPort)
        {
            var host = hostAndPort;
            if (host.StartsWith("[", StringComparison.Ordinal))
            {
                var close = host.IndexOf(']');
                host = close > 0 ? host.Substring(1, close - 1) : host;
            }
            else
            {
                var colon = host.LastIndexOf(':');
                if (colon >= 0) host = host.Substring(0, colon);
            }
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        public void Dispose() => _http.Dispose();
    }
}
