using System;
using System.Net.Http;
using SociTools.Core.Registry.Auth;

namespace SociTools.Core.Registry
{
    /// <summary>How a <see cref="RegistryClient"/> connects, authenticates and retries.</summary>
    public sealed class RegistryClientOptions
    {
        /// <summary>Use plain http for every host. Loopback hosts use http even without this.</summary>
        public bool Insecure { get; set; }

        /// <summary>Finds credentials per registry host; null means anonymous access only.</summary>
        public ICredentialProvider? CredentialProvider { get; set; }

        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>Blobs up to this size are uploaded in one request; larger ones in chunks of this size.</summary>
        public int ChunkSize { get; set; } = 16 * 1024 * 1024;

        /// <summary>The transport; tests inject one. Null uses an <see cref="HttpClientHandler"/> owned by the client.</summary>
        public HttpMessageHandler? HttpMessageHandler { get; set; }

        /// <summary>How long one request may take to return its headers before it counts as a network fault.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How long the registry may go silent: the longest wait for the next byte of a response body, and for the
        /// answer to a request that sends no body.
        /// </summary>
        public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>The most one bearer-token request to a token service may take, its retries included.</summary>
        public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>The default of <see cref="ReadTimeout"/> and <see cref="TokenTimeout"/>, in seconds.</summary>
        public const int DefaultTimeoutSeconds = 60;

        /// <summary>Told of every request sent and the status it got (never its headers or query string).</summary>
        public IProgress<RegistryExchange>? Requests { get; set; }

        /// <summary>Sent as User-Agent.</summary>
        public string UserAgent { get; set; } = "SociTools/" + typeof(RegistryClientOptions).Assembly.GetName().Version;
    }
}
