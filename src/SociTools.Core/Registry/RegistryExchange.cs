using System;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// One HTTP request a registry client sent and the status it got, for logs. The address has no query
    /// string (upload state and presigned redirect signatures live there), and no header is kept.
    /// </summary>
    public sealed class RegistryExchange
    {
        public RegistryExchange(string method, Uri uri, int statusCode, int attempt)
        {
            Method = method;
            Address = uri.GetLeftPart(UriPartial.Path);
            StatusCode = statusCode;
            Attempt = attempt;
        }

        public string Method { get; }

        /// <summary>Scheme, host and path only.</summary>
        public string Address { get; }

        public int StatusCode { get; }

        /// <summary>1 for the first try; higher when the request was repeated after a fault.</summary>
        public int Attempt { get; }

        public override string ToString() => $"{Method} {Address} -> {StatusCode}" + (Attempt > 1 ? $" (attempt {Attempt})" : "");
    }
}
