using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;

namespace SociTools.Core.Registry
{
    /// <summary>A <c>WWW-Authenticate</c> challenge: its scheme and parameters (realm, service, scope).</summary>
    internal sealed class AuthChallenge
    {
        private AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
        {
            Scheme = scheme;
            Parameters = parameters;
        }

        public string Scheme { get; }

        public IReadOnlyDictionary<string, string> Parameters { get; }

        public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

        public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

        public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

        /// <summary>The first Bearer or Basic challenge of a 401 response; null when it offers neither.</summary>
        public static AuthChallenge? From(HttpResponseHeaders headers)
        {
            if (!headers.TryGetValues("WWW-Authenticate", out var values)) return null;
            foreach (var raw in values)
            {
                var text = raw.Trim();
                var space = text.IndexOf(' ');
                var scheme = space < 0 ? text : text.Substring(0, space);
                var challenge = new AuthChallenge(scheme, ParseParameters(space < 0 ? "" : text.Substring(space + 1)));
                if (challenge.IsBearer || challenge.IsBasic) return challenge;
            }
            return null;
        }

        internal static Dictionary<string, string> ParseParameters(string text)
        {
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
                var nameStart = i;
                while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
                var name = text.Substring(nameStart, i - nameStart).Trim();
                if (i >= text.Length || text[i] != '=')
                {
                    continue;
                }
                i++;
                var value = new StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length) i++;
                        value.Append(text[i]);
                        i++;
                    }
                    i++;
                }
                else
                {
                    while (i < text.Length && text[i] != ',') value.Append(text[i++]);
                }
                if (name.Length > 0) parameters[name] = value.ToString().Trim();
            }
            return parameters;
        }

        public override string ToString() =>
            Scheme + " " + string.Join(", ", Parameters.Select(p => $"{p.Key}=\"{p.Value}\""));
    }
}
