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
    /// Sends registry requests: picks http or https, adds known credentials, answers one 401 challenge
    /// and repeats the request, follows redirects of reads (without credentials to another host), and retries faults.
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
            _sender = new RetryingSender(_http, options.Retry);
            Authenticator = new RegistryAuthenticator(_sender, options.CredentialProvider, options.UserAgent, UsesPlainHttp);
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
        public Uri BaseUri(Reference reference)
        {
            var host = reference.ApiHost;
            var scheme = UsesPlainHttp(host) ? "http" : "https";
            return new Uri($"{scheme}://{host}/");
        }

        private bool UsesPlainHttp(string host) => _options.Insecure || IsLoopback(host);

        public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
        {
            var authorization = await Authenticator.KnownAuthorizationAsync(request.Registry, request.Scope, cancellationToken).ConfigureAwait(false);
            var response = await SendFollowingRedirectsAsync(request, authorization, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !request.AnswersChallenge) return response;

            var challenge = AuthChallenge.From(response.Headers);
            if (challenge == null) return response;
            var answer = await Authenticator.AnswerAsync(request.Registry, request.Scope, challenge, request.Subject, cancellationToken).ConfigureAwait(false);
            if (answer == null) return response;
            response.Dispose();
            return await SendFollowingRedirectsAsync(request, answer, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(RegistryRequest request, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
        {
            var uri = request.Uri;
            var followsRedirects = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
            for (var hop = 0; ; hop++)
            {
                var target = uri;
                var response = await _sender.SendAsync(
                    () => request.Build(target, IsSameOrigin(target, request.Uri) ? authorization : null, _options.UserAgent),
                    request.StreamResponse, request.Subject, cancellationToken, request.RetriedByCaller).ConfigureAwait(false);
                if (!followsRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location == null) return response;
                if (hop >= MaxRedirects)
                {
                    response.Dispose();
                    throw new RegistryException(RegistryErrorKind.Protocol,
                        $"The registry redirected the request for {request.Subject} more than {MaxRedirects} times.", request.Subject, (int)response.StatusCode);
                }
                uri = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(target, response.Headers.Location);
                response.Dispose();
            }
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
