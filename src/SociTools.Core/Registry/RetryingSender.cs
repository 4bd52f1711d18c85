using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    /// <summary>Sends a request, repeating it after 429, 5xx or a broken connection as the <see cref="RetryPolicy"/> allows.</summary>
    internal sealed class RetryingSender
    {
        private readonly HttpClient _http;
        private readonly RetryPolicy _policy;
        private readonly TimeSpan _answerTimeout;
        private readonly IProgress<RegistryExchange>? _requests;

        /// <param name="answerTimeout">How long a request that sends no body may wait for its response headers.</param>
        public RetryingSender(HttpClient http, RetryPolicy policy, TimeSpan answerTimeout, IProgress<RegistryExchange>? requests = null)
        {
            _http = http;
            _policy = policy;
            _answerTimeout = answerTimeout;
            _requests = requests;
        }

        /// <param name="singleAttempt">Send once: the caller retries itself because a repeat must differ (an upload resuming at another offset).</param>
        public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, bool streamResponse, string subject, CancellationToken cancellationToken, bool singleAttempt = false)
        {
            var maxAttempts = singleAttempt ? 1 : Math.Max(1, _policy.MaxAttempts);
            for (var attempt = 1; ; attempt++)
            {
                HttpResponseMessage response;
                using var request = build();
                // A request with a body may take as long as sending it takes (the client's overall timeout bounds that);
                // one without is only waiting for the registry, so silence past the answer timeout counts as a fault.
                using var answerWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (SendsNoBody(request)) answerWait.CancelAfter(_answerTimeout);
                try
                {
                    var completion = streamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                    response = await _http.SendAsync(request, completion, answerWait.Token).ConfigureAwait(false);
                    _requests?.Report(new RegistryExchange(request.Method.Method, request.RequestUri!, (int)response.StatusCode, attempt));
                }
                catch (Exception ex) when (IsConnectionFault(ex, cancellationToken))
                {
                    if (attempt >= maxAttempts)
                    {
                        throw new RegistryException(RegistryErrorKind.Network,
                            $"Could not reach the registry for {subject} after {attempt} attempt(s): {Describe(ex)} Check the host name, the network and any proxy, then try again.",
                            subject, null, ex);
                    }
                    await _policy.WaitAsync(_policy.DelayBefore(attempt + 1, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (IsTransient(response.StatusCode) && attempt < maxAttempts)
                {
                    var delay = _policy.DelayBefore(attempt + 1, RetryAfter(response));
                    response.Dispose();
                    await _policy.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                return response;
            }
        }

        private static bool SendsNoBody(HttpRequestMessage request) =>
            request.Content == null || request.Content.Headers.ContentLength == 0;

        internal static bool IsTransient(HttpStatusCode status) =>
            (int)status == 429 || status == HttpStatusCode.InternalServerError || status == HttpStatusCode.BadGateway ||
            status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        private static bool IsConnectionFault(Exception ex, CancellationToken cancellationToken) =>
            !cancellationToken.IsCancellationRequested &&
            (ex is HttpRequestException || ex is IOException || ex is TaskCanceledException);

        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        internal static string Describe(Exception ex)
        {
            var message = ex is TaskCanceledException ? "the request timed out." : ex.Message;
            for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            {
                message += " " + inner.Message;
            }
            return message.TrimEnd() + (message.TrimEnd().EndsWith(".") ? "" : ".");
        }
    }
}
