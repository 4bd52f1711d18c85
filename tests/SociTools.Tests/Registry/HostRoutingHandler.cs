using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// Lets a test use registry host names such as https://registry.example.com: requests to a routed
    /// scheme and host go over plain http to a loopback port (so no certificate is needed); others pass unchanged.
    /// Records each request as the client addressed it.
    /// </summary>
    public sealed class HostRoutingHandler : DelegatingHandler
    {
        private readonly Dictionary<string, int> _portByOrigin = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public HostRoutingHandler() : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
        }

        /// <summary>Requests as the client sent them: its URI (before routing) and its Authorization header.</summary>
        public ConcurrentQueue<(Uri Uri, string? Authorization)> Sent { get; } = new ConcurrentQueue<(Uri, string?)>();

        public HostRoutingHandler Route(string origin, int loopbackPort)
        {
            _portByOrigin[new Uri(origin).GetLeftPart(UriPartial.Authority)] = loopbackPort;
            return this;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Sent.Enqueue((uri, request.Headers.Authorization?.ToString()));
            if (_portByOrigin.TryGetValue(uri.GetLeftPart(UriPartial.Authority), out var port))
            {
                // The server still sees the host the client addressed, so the locations it hands back name that host.
                request.Headers.Host = uri.Authority;
                request.RequestUri = new UriBuilder(uri) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
