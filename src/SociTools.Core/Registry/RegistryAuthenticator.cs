using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// Answers registry auth challenges: Basic with the provider's credential, or Bearer with a token
    /// fetched from the challenge's realm, cached per host and scope until it expires.
    /// </summary>
    internal sealed class RegistryAuthenticator
    {
        /// <summary>Token replies larger than this are refused: a token is a few kilobytes, and the reply is held in memory.</summary>
        public const int MaxTokenReplySize = 1024 * 1024;

        private readonly RetryingSender _sender;
        private readonly ICredentialProvider? _credentials;
        private readonly RegistryClientOptions _options;
        private readonly Func<string, bool> _registryUsesPlainHttp;
        private readonly ConcurrentDictionary<string, AuthChallenge> _challengeByRegistry = new ConcurrentDictionary<string, AuthChallenge>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, BearerToken> _tokens = new ConcurrentDictionary<string, BearerToken>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Task<RegistryCredential?>> _credentialByRegistry = new ConcurrentDictionary<string, Task<RegistryCredential?>>(StringComparer.Ordinal);

        /// <param name="registryUsesPlainHttp">Whether the registry itself is reached over plain http by choice (insecure mode or loopback).</param>
        public RegistryAuthenticator(RetryingSender sender, RegistryClientOptions options, Func<string, bool> registryUsesPlainHttp)
        {
            _sender = sender;
            _credentials = options.CredentialProvider;
            _options = options;
            _registryUsesPlainHttp = registryUsesPlainHttp;
        }

        /// <summary>The credential used for a registry so far, to name it in errors (never its secret).</summary>
        public RegistryCredential? CredentialTried(string registry) =>
            _credentialByRegistry.TryGetValue(registry, out var task) && task.Status == TaskStatus.RanToCompletion ? task.Result : null;

        /// <summary>The Authorization header to send without waiting for a challenge, when one is known.</summary>
        public async Task<AuthenticationHeaderValue?> KnownAuthorizationAsync(string registry, RegistryScope scope, CancellationToken cancellationToken)
        {
            if (!_challengeByRegistry.TryGetValue(registry, out var challenge)) return null;
            if (challenge.IsBasic)
            {
                var credential = await CredentialAsync(registry, cancellationToken).ConfigureAwait(false);
                return credential == null ? null : BasicHeader(credential);
            }
            return _tokens.TryGetValue(TokenKey(registry, scope), out var token) && token.IsValid(DateTimeOffset.UtcNow)
                ? new AuthenticationHeaderValue("Bearer", token.Value)
                : null;
        }

        /// <summary>Answers a 401 challenge; null when there is nothing to answer it with.</summary>
        public async Task<AuthenticationHeaderValue?> AnswerAsync(string registry, RegistryScope scope, AuthChallenge challenge, string subject, CancellationToken cancellationToken)
        {
            _challengeByRegistry[registry] = challenge;
            var credential = await CredentialAsync(registry, cancellationToken).ConfigureAwait(false);
            if (challenge.IsBasic) return credential == null ? null : BasicHeader(credential);

            var token = await FetchTokenAsync(registry, scope, challenge, credential, subject, cancellationToken).ConfigureAwait(false);
            _tokens[TokenKey(registry, scope)] = token;
            return new AuthenticationHeaderValue("Bearer", token.Value);
        }

        private Task<RegistryCredential?> CredentialAsync(string registry, CancellationToken cancellationToken)
        {
            if (_credentials == null) return Task.FromResult<RegistryCredential?>(null);
            var task = _credentialByRegistry.GetOrAdd(registry, host => _credentials.GetAsync(host, cancellationToken));
            if (task.IsFaulted || task.IsCanceled) _credentialByRegistry.TryRemove(registry, out _);
            return task;
        }

        private async Task<BearerToken> FetchTokenAsync(string registry, RegistryScope scope, AuthChallenge challenge, RegistryCredential? credential, string subject, CancellationToken cancellationToken)
        {
            var realm = challenge.Parameter("realm");
            if (realm == null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || (realmUri.Scheme != "https" && realmUri.Scheme != "http"))
            {
                throw new RegistryException(RegistryErrorKind.Protocol,
                    $"{registry} asked for a bearer token for {subject} but named no usable token service (realm '{realm}').", subject, 401);
            }
            if (realmUri.Scheme == "http" && !_registryUsesPlainHttp(registry))
            {
                // The token request carries the user's password or refresh token; plain http would expose it.
                throw new RegistryException(RegistryErrorKind.Protocol,
                    $"{registry} sent {subject} to the token service at {realmUri.Authority} over plain http; SociTools does not send credentials " +
                    "without TLS to a registry reached over https. Ask the registry's administrator for an https token service, " +
                    "or use -Insecure if this registry is meant to be reached over plain http.", subject, 401);
            }
            var service = challenge.Parameter("service");
            var scopes = scope.With(challenge.Parameter("scope"));
            var useRefreshToken = credential?.IdentityToken is { Length: > 0 };

            HttpRequestMessage Build()
            {
                HttpRequestMessage message;
                if (useRefreshToken)
                {
                    var form = new List<KeyValuePair<string, string>>
                    {
                        new KeyValuePair<string, string>("grant_type", "refresh_token"),
                        new KeyValuePair<string, string>("refresh_token", credential!.IdentityToken!),
                        new KeyValuePair<string, string>("client_id", "socitools"),
                    };
                    if (service != null) form.Add(new KeyValuePair<string, string>("service", service));
                    if (scopes.Count > 0) form.Add(new KeyValuePair<string, string>("scope", string.Join(" ", scopes)));
                    message = new HttpRequestMessage(HttpMethod.Post, realmUri) { Content = new FormUrlEncodedContent(form) };
                }
                else
                {
                    var query = new StringBuilder();
                    if (service != null) query.Append("service=").Append(Uri.EscapeDataString(service));
                    foreach (var entry in scopes) query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(entry));
                    var builder = new UriBuilder(realmUri);
                    var existing = builder.Query.TrimStart('?');
                    builder.Query = existing.Length > 0 ? existing + (query.Length > 0 ? "&" + query : "") : query.ToString();
                    message = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
                    if (credential?.Username != null && credential.Password != null) message.Headers.Authorization = BasicHeader(credential);
                }
                message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                return message;
            }

            // One budget for the whole fetch, retries included: a token service that never answers must not cost minutes per try.
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(_options.TokenTimeout);
            try
            {
                using var response = await _sender.SendAsync(Build, true, subject, budget.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
                {
                    throw RegistryErrors.Unauthorized(registry, subject, credential, (int)response.StatusCode, "its token service refused");
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw await RegistryErrors.FromResponseAsync(response, subject, "get an access token for", credential, _options.ReadTimeout, budget.Token).ConfigureAwait(false);
                }
                var body = await ResponseStream.ReadBoundedAsync(
                    response, MaxTokenReplySize, $"the access token for {subject}", subject, _options.ReadTimeout, budget.Token).ConfigureAwait(false);
                return BearerToken.Parse(body, DateTimeOffset.UtcNow)
                    ?? throw new RegistryException(RegistryErrorKind.Protocol,
                        $"The token service of {registry} answered without a token for {subject}.", subject, (int)response.StatusCode);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RegistryException(RegistryErrorKind.Network,
                    $"The token service of {registry} at {realmUri.Authority} gave no access token for {subject} within {_options.TokenTimeout.TotalSeconds:0.#} s. " +
                    "Try again later, or allow it more time with -TimeoutSec.", subject);
            }
        }

        private static AuthenticationHeaderValue? BasicHeader(RegistryCredential credential)
        {
            if (credential.Username == null || credential.Password == null) return null;
            var raw = Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        private static string TokenKey(string registry, RegistryScope scope) => registry + "|" + scope.Key;
    }
}
