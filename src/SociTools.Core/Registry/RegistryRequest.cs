using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// One distribution API call, described so it can be sent again: after a fault, after answering
    /// an auth challenge, or to a redirect target.
    /// </summary>
    internal sealed class RegistryRequest
    {
        /// <param name="uri">Where to send it: the registry's API, or a URL the registry handed back (an upload location, a next page).</param>
        /// <param name="registry">The registry whose credentials the request may carry, and only to that registry's own origin.</param>
        public RegistryRequest(HttpMethod method, Uri uri, Reference registry, RegistryScope scope, string subject)
        {
            Method = method;
            Uri = uri;
            Registry = registry.Registry;
            ApiHost = registry.ApiHost;
            Scope = scope;
            Subject = subject;
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        /// <summary>The registry name credentials are looked up by.</summary>
        public string Registry { get; }

        /// <summary>The host (and port) serving the registry's API: the only place its credentials are sent.</summary>
        public string ApiHost { get; }

        public RegistryScope Scope { get; }

        /// <summary>What errors name: the image, repository or registry.</summary>
        public string Subject { get; }

        public IList<string> Accept { get; } = new List<string>();

        public RangeHeaderValue? Range { get; set; }

        public ArraySegment<byte>? Body { get; set; }

        public string? ContentType { get; set; }

        /// <summary>Distribution's chunk range <c>start-end</c> for a PATCH.</summary>
        public string? ContentRange { get; set; }

        /// <summary>False for probes such as the /v2/ ping, where a 401 is itself the answer.</summary>
        public bool AnswersChallenge { get; set; } = true;

        /// <summary>Send once on a fault: the caller decides how to repeat (an upload asks the registry where it stands first).</summary>
        public bool RetriedByCaller { get; set; }

        /// <summary>Stream the body instead of buffering it (blob downloads).</summary>
        public bool StreamResponse { get; set; }

        public HttpRequestMessage Build(Uri uri, AuthenticationHeaderValue? authorization, string userAgent)
        {
            var message = new HttpRequestMessage(Method, uri);
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            foreach (var accept in Accept) message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            if (Range != null) message.Headers.Range = Range;
            if (authorization != null) message.Headers.Authorization = authorization;
            if (Body.HasValue)
            {
                var body = Body.Value;
                var content = new ByteArrayContent(body.Array!, body.Offset, body.Count);
                if (ContentType != null) content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
                if (ContentRange != null) content.Headers.TryAddWithoutValidation("Content-Range", ContentRange);
                message.Content = content;
            }
            else if (Method == HttpMethod.Put || Method == HttpMethod.Post || Method.Method == "PATCH")
            {
                message.Content = new ByteArrayContent(Array.Empty<byte>());
            }
            return message;
        }
    }
}
