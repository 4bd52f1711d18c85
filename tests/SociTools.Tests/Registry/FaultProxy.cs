using System;
using System.Collections.Concurrent;
using System.Threading;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// A proxy in front of a registry that answers the next N requests with an injected fault, then forwards.
    /// Upload faults wait for the next request that carries blob bytes (a PATCH chunk or a PUT with a body).
    /// </summary>
    public sealed class FaultProxy : IDisposable
    {
        private readonly ConcurrentQueue<ProxyReply> _faults = new ConcurrentQueue<ProxyReply>();
        private readonly ConcurrentQueue<Func<ProxyRequest, ProxyReply>> _uploadFaults = new ConcurrentQueue<Func<ProxyRequest, ProxyReply>>();
        private readonly LoopbackProxy _proxy;
        private int _uploadsToPass;
        private int _manifestPushesToPass;
        private int _manifestPushFailures;

        public FaultProxy(int upstreamPort)
        {
            _proxy = new LoopbackProxy(upstreamPort, Intercept);
        }

        public string Host => _proxy.Host;

        public int RequestCount => _proxy.Requests.Count;

        public ConcurrentQueue<ProxyRequest> Requests => _proxy.Requests;

        /// <summary>Upload faults not yet met.</summary>
        public int UploadFaultsLeft => _uploadFaults.Count;

        public void TooManyRequests(int count, int retryAfterSeconds) => Inject(count, () => Throttled(retryAfterSeconds));

        public void ServiceUnavailable(int count) => Inject(count, () => ProxyReply.Status(503, "Service Unavailable"));

        public void InternalServerError(int count) => Inject(count, InternalError);

        public void ConnectionReset(int count) => Inject(count, ProxyReply.Reset);

        /// <summary>Lets the next <paramref name="count"/> blob-carrying requests through before any upload fault applies.</summary>
        public void PassBlobUploads(int count) => Interlocked.Add(ref _uploadsToPass, count);

        /// <summary>The next <paramref name="count"/> blob-carrying requests reach the registry only half-way, then the connection is reset.</summary>
        public void CutBlobUploads(int count) => InjectUpload(count, request => ProxyReply.CutRequestBody(request.Body.Length / 2));

        /// <summary>The next <paramref name="count"/> blob-carrying requests reach the registry with their headers but none of their body, then the connection is reset.</summary>
        public void CutBlobUploadsAfterHead(int count) => InjectUpload(count, _ => ProxyReply.CutRequestBody(0));

        /// <summary>The next <paramref name="count"/> blob-carrying requests are answered as distribution answers an upload session it cancelled.</summary>
        public void ForgetBlobUploads(int count) => InjectUpload(count, _ => ProxyReply.Status(404, "Not Found",
            "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"blob upload invalid\"}]}", "application/json"));

        public void ThrottleBlobUploads(int count, int retryAfterSeconds) => InjectUpload(count, _ => Throttled(retryAfterSeconds));

        public void FailBlobUploads(int count) => InjectUpload(count, _ => InternalError());

        /// <summary>After <paramref name="pass"/> manifest PUTs got through, the next <paramref name="count"/> are answered 500.</summary>
        public void FailManifestPushes(int count, int pass = 0)
        {
            Interlocked.Add(ref _manifestPushesToPass, pass);
            Interlocked.Add(ref _manifestPushFailures, count);
        }

        private static ProxyReply Throttled(int retryAfterSeconds) =>
            ProxyReply.Status(429, "Too Many Requests", "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}", "application/json", ("Retry-After", retryAfterSeconds.ToString()));

        private static ProxyReply InternalError() =>
            ProxyReply.Status(500, "Internal Server Error", "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected fault\"}]}", "application/json");

        private ProxyReply? Intercept(ProxyRequest request)
        {
            if (IsBlobUpload(request) && !_uploadFaults.IsEmpty && !TakeOne(ref _uploadsToPass) && _uploadFaults.TryDequeue(out var uploadFault)) return uploadFault(request);
            if (request.Method == "PUT" && request.Path.Contains("/manifests/") && !TakeOne(ref _manifestPushesToPass) && TakeOne(ref _manifestPushFailures)) return InternalError();
            return _faults.TryDequeue(out var fault) ? fault : null;
        }

        /// <summary>Takes one from a counter of faults or passes; false when none is left.</summary>
        private static bool TakeOne(ref int counter)
        {
            while (true)
            {
                var left = Volatile.Read(ref counter);
                if (left <= 0) return false;
                if (Interlocked.CompareExchange(ref counter, left - 1, left) == left) return true;
            }
        }

        private static bool IsBlobUpload(ProxyRequest request) =>
            (request.Method == "PATCH" || request.Method == "PUT") && request.Path.Contains("/blobs/uploads/") && request.Body.Length > 1;

        private void Inject(int count, Func<ProxyReply> fault)
        {
            for (var i = 0; i < count; i++) _faults.Enqueue(fault());
        }

        private void InjectUpload(int count, Func<ProxyRequest, ProxyReply> fault)
        {
            for (var i = 0; i < count; i++) _uploadFaults.Enqueue(fault);
        }

        public void Dispose() => _proxy.Dispose();
    }
}
