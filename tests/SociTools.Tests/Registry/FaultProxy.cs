using System.Collections.Concurrent;

namespace SociTools.Tests.Registry
{
    /// <summary>A proxy in front of a registry that answers the next N requests with an injected fault, then forwards.</summary>
    public sealed class FaultProxy : System.IDisposable
    {
        private readonly ConcurrentQueue<ProxyReply> _faults = new ConcurrentQueue<ProxyReply>();
        private readonly LoopbackProxy _proxy;

        public FaultProxy(int upstreamPort)
        {
            _proxy = new LoopbackProxy(upstreamPort, _ => _faults.TryDequeue(out var fault) ? fault : null);
        }

        public string Host => _proxy.Host;

        public int RequestCount => _proxy.Requests.Count;

        public void TooManyRequests(int count, int retryAfterSeconds) =>
            Inject(count, () => ProxyReply.Status(429, "Too Many Requests", "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}", "application/json", ("Retry-After", retryAfterSeconds.ToString())));

        public void ServiceUnavailable(int count) => Inject(count, () => ProxyReply.Status(503, "Service Unavailable"));

        public void ConnectionReset(int count) => Inject(count, ProxyReply.Reset);

        private void Inject(int count, System.Func<ProxyReply> fault)
        {
            for (var i = 0; i < count; i++) _faults.Enqueue(fault());
        }

        public void Dispose() => _proxy.Dispose();
    }
}
