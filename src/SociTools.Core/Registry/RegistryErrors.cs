using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;

namespace SociTools.Core.Registry
{
    /// <summary>Turns a failed response into a <see cref="RegistryException"/> whose sentence says what to do.</summary>
    internal static class RegistryErrors
    {
        private const int MaxDetailLength = 300;

        // An error body worth reading is a few hundred bytes of JSON; more is not read at all.
        private const int MaxErrorBodySize = 64 * 1024;

        /// <param name="readTimeout">The longest silence while reading the error body.</param>
        public static async Task<RegistryException> FromResponseAsync(
            HttpResponseMessage response, string subject, string action, RegistryCredential? credential, TimeSpan readTimeout, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var detail = await DetailAsync(response, subject, readTimeout, cancellationToken).ConfigureAwait(false);
            var registry = RegistryOf(subject);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized when AuthChallenge.From(response.Headers) == null:
                    return new RegistryException(RegistryErrorKind.Unauthorized,
                        $"{registry} refused {subject} with HTTP 401 without a Basic or Bearer challenge (WWW-Authenticate), so SociTools could not tell " +
                        "how to authenticate and sent no credential. Check that the address is the registry itself and not a proxy or web server in front of it.",
                        subject, status);
                case HttpStatusCode.Unauthorized:
                    return Unauthorized(registry, subject, credential, status, "it refused");
                case HttpStatusCode.Forbidden:
                    return new RegistryException(RegistryErrorKind.Forbidden,
                        $"{registry} denied permission to {action} {subject}{With(credential)}{detail} Use a credential that has access to this repository.",
                        subject, status);
                case HttpStatusCode.NotFound:
                    return new RegistryException(RegistryErrorKind.NotFound,
                        $"{subject} was not found on {registry}{detail} Check the repository name, tag and digest.",
                        subject, status);
                case (HttpStatusCode)429:
                    return new RegistryException(RegistryErrorKind.Throttled,
                        $"{registry} kept throttling requests to {action} {subject} (HTTP 429){detail} Wait and try again, or raise the retry limit.",
                        subject, status);
            }
            if (status >= 500)
            {
                return new RegistryException(RegistryErrorKind.ServerError,
                    $"{registry} failed with HTTP {status} {response.ReasonPhrase} while trying to {action} {subject}{detail} Try again later.",
                    subject, status);
            }
            return new RegistryException(RegistryErrorKind.Protocol,
                $"{registry} answered HTTP {status} {response.ReasonPhrase} when asked to {action} {subject}{detail}",
                subject, status);
        }

        public static RegistryException Unauthorized(string registry, string subject, RegistryCredential? credential, int status, string refusal)
        {
            var message = credential == null
                ? $"{registry} requires authentication for {subject}, and no credential was found for {registry}. Log in to {registry} (for example with 'finch login {registry}') or pass a credential."
                : $"{registry} rejected {credential} for {subject} ({refusal} with HTTP {status}). Check the user name and password, or log in to {registry} again.";
            return new RegistryException(RegistryErrorKind.Unauthorized, message, subject, status);
        }

        /// <summary>The registry part of a subject such as <c>host/repo:tag</c>.</summary>
        internal static string RegistryOf(string subject)
        {
            var slash = subject.IndexOf('/');
            return slash < 0 ? subject : subject.Substring(0, slash);
        }

        private static string With(RegistryCredential? credential) => credential == null ? " for anonymous access" : $" for {credential}";

        private static async Task<string> DetailAsync(HttpResponseMessage response, string subject, TimeSpan readTimeout, CancellationToken cancellationToken)
        {
            if (response.Content == null) return ".";
            byte[] body;
            try
            {
                body = await ResponseStream.ReadBoundedAsync(response, MaxErrorBodySize, $"the error of {subject}", subject, readTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RegistryException || ex is HttpRequestException || ex is System.IO.IOException)
            {
                return ".";
            }
            var messages = new List<string>();
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        if (error.ValueKind != JsonValueKind.Object) continue;
                        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                        var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                        messages.Add(code != null && text != null ? $"{code}: {text}" : code ?? text ?? "");
                    }
                }
            }
            catch (JsonException)
            {
                return ".";
            }
            var joined = string.Join("; ", messages).Trim();
            if (joined.Length == 0) return ".";
            if (joined.Length > MaxDetailLength) joined = joined.Substring(0, MaxDetailLength) + "...";
            return $" ({joined}).";
        }
    }
}
