using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// A token service and a bearer-auth gate in front of an anonymous registry: /token issues tokens for
    /// the right user and password; /v2/ requests need a token whose scope covers their repository.
    /// </summary>
    public sealed class BearerTokenServer : IDisposable
    {
        public const string Service = "socitools-test-registry";
        private readonly LoopbackProxy _proxy;
        private readonly string _user;
        private readonly string _password;
        private readonly ConcurrentDictionary<string, string[]> _scopesByToken = new ConcurrentDictionary<string, string[]>();
        private readonly string? _realm;
        private int _issued;

        /// <param name="realm">The token service the challenges name; null names this server's own /token over http.</param>
        public BearerTokenServer(int upstreamPort, string user, string password, string? realm = null)
        {
            _realm = realm;
            _user = user;
            _password = password;
            _proxy = new LoopbackProxy(upstreamPort, Intercept);
        }

        public string Host => _proxy.Host;

        public int Port => _proxy.Port;

        public int TokensIssued => _issued;

        public int TokenRequests => _proxy.Requests.Count(r => r.Path == "/token");

        public int RefreshGrants { get; private set; }

        public IReadOnlyList<string> ScopesRequested => _proxy.Requests.Where(r => r.Path == "/token").Select(r => Query(r.Target, "scope")).SelectMany(s => s).ToList();

        private ProxyReply? Intercept(ProxyRequest request)
        {
            if (request.Path == "/token") return IssueToken(request);
            var repository = RepositoryOf(request.Path);
            var token = request.Header("Authorization") is { } header && header.StartsWith("Bearer ") ? header.Substring(7) : null;
            if (token != null && _scopesByToken.TryGetValue(token, out var scopes) &&
                (repository == null || scopes.Any(s => s.StartsWith($"repository:{repository}:", StringComparison.Ordinal) && Allows(s, request.Method))))
            {
                return null;
            }
            var scope = repository == null ? "" : $",scope=\"repository:{repository}:{(request.Method is "GET" or "HEAD" ? "pull" : "pull,push")}\"";
            return ProxyReply.Status(401, "Unauthorized", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}", "application/json",
                ("WWW-Authenticate", $"Bearer realm=\"{_realm ?? $"http://{Host}/token"}\",service=\"{Service}\"{scope}"));
        }

        /// <summary>GET with Basic auth (docker's token flow), or POST of an OAuth2 refresh token (identity token flow).</summary>
        private ProxyReply IssueToken(ProxyRequest request)
        {
            string[] scopes;
            bool accepted;
            if (request.Method == "POST")
            {
                var form = "?" + Encoding.UTF8.GetString(request.Body);
                scopes = Query(form, "scope").SelectMany(s => s.Split(' ')).ToArray();
                accepted = Query(form, "grant_type").FirstOrDefault() == "refresh_token" &&
                    Query(form, "refresh_token").FirstOrDefault() == _password && Query(form, "service").FirstOrDefault() == Service;
                RefreshGrants += accepted ? 1 : 0;
            }
            else
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + _password));
                scopes = Query(request.Target, "scope").ToArray();
                accepted = request.Header("Authorization") == expected && Query(request.Target, "service").FirstOrDefault() == Service;
            }
            if (!accepted)
            {
                return ProxyReply.Status(401, "Unauthorized", "{\"details\":\"incorrect username or password\"}", "application/json");
            }
            var token = "token-" + Interlocked.Increment(ref _issued) + "-" + Guid.NewGuid().ToString("N");
            _scopesByToken[token] = scopes;
            return ProxyReply.Status(200, "OK", $"{{\"token\":\"{token}\",\"expires_in\":300}}", "application/json");
        }

        private static bool Allows(string scope, string method) =>
            method is "GET" or "HEAD" || scope.EndsWith(",push", StringComparison.Ordinal) || scope.EndsWith(":push", StringComparison.Ordinal);

        private static string? RepositoryOf(string path)
        {
            if (!path.StartsWith("/v2/") || path == "/v2/") return null;
            var rest = path.Substring(4);
            foreach (var marker in new[] { "/manifests/", "/blobs/", "/tags/", "/referrers/" })
            {
                var at = rest.IndexOf(marker, StringComparison.Ordinal);
                if (at > 0) return rest.Substring(0, at);
            }
            return null;
        }

        private static IEnumerable<string> Query(string target, string name)
        {
            var question = target.IndexOf('?');
            if (question < 0) yield break;
            foreach (var pair in target.Substring(question + 1).Split('&'))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair.Substring(0, equals) == name) yield return Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            }
        }

        public void Dispose() => _proxy.Dispose();
    }
}
