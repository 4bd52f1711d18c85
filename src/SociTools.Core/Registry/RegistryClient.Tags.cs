using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    public sealed partial class RegistryClient
    {
        private const int MaxTagPages = 10000;

        /// <summary>Lists every tag of a repository, following <c>Link</c> pagination.</summary>
        public Task<IReadOnlyList<string>> ListTagsAsync(Reference repository, CancellationToken cancellationToken) =>
            ListTagsAsync(repository, 0, cancellationToken);

        /// <summary>Lists every tag, asking for <paramref name="pageSize"/> tags per request (0: the registry's default).</summary>
        public async Task<IReadOnlyList<string>> ListTagsAsync(Reference repository, int pageSize, CancellationToken cancellationToken)
        {
            var subject = repository.RepositoryName;
            var tags = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Uri? next = ApiUri(repository, pageSize > 0 ? "tags/list?n=" + pageSize : "tags/list");
            for (var page = 0; next != null; page++)
            {
                if (page >= MaxTagPages || !seen.Add(next.AbsoluteUri))
                {
                    throw new RegistryException(RegistryErrorKind.Protocol, $"The tag list of {subject} does not end: its pages repeat or exceed {MaxTagPages}.", subject);
                }
                var request = new RegistryRequest(HttpMethod.Get, next, repository, RegistryScope.Pull(repository.Repository), subject) { StreamResponse = true };
                using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await EnsureSuccessAsync(response, subject, "list the tags of", cancellationToken).ConfigureAwait(false);
                var body = await ReadBoundedAsync(response, MaxManifestSize, $"the tag list of {subject}", subject, cancellationToken).ConfigureAwait(false);
                tags.AddRange(ReadTags(body, subject));
                next = NextPage(next, response);
            }
            return tags;
        }

        private static IEnumerable<string> ReadTags(byte[] body, string subject)
        {
            var tags = new List<string>();
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var tag in array.EnumerateArray())
                    {
                        if (tag.ValueKind == JsonValueKind.String) tags.Add(tag.GetString()!);
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"The tag list of {subject} is not valid JSON: {ex.Message}", subject, null, ex);
            }
            return tags;
        }

        /// <summary>The <c>rel="next"</c> target of a <c>Link</c> header, e.g. <c>&lt;/v2/app/tags/list?last=b&amp;n=2&gt;; rel="next"</c>.</summary>
        private static Uri? NextPage(Uri current, HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Link", out var links)) return null;
            foreach (var header in links)
            {
                foreach (var link in header.Split(','))
                {
                    var open = link.IndexOf('<');
                    var close = link.IndexOf('>');
                    if (open < 0 || close <= open) continue;
                    if (link.Substring(close).IndexOf("rel=\"next\"", StringComparison.OrdinalIgnoreCase) < 0 &&
                        link.Substring(close).IndexOf("rel=next", StringComparison.OrdinalIgnoreCase) < 0) continue;
                    var target = link.Substring(open + 1, close - open - 1);
                    return Uri.TryCreate(current, target, out var uri) ? uri : null;
                }
            }
            return null;
        }
    }
}
