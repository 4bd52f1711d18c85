using System;
using System.Collections.Generic;
using System.Text;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>One challenge of a <c>WWW-Authenticate</c> header (RFC 7235), such as a registry's Bearer token realm.</summary>
    public sealed class WwwAuthenticateChallenge
    {
        private readonly IReadOnlyDictionary<string, string> _parameters;

        internal WwwAuthenticateChallenge(string scheme, string? token68, Dictionary<string, string> parameters)
        {
            Scheme = scheme;
            Token68 = token68;
            _parameters = parameters;
        }

        /// <summary>The scheme as the server wrote it, e.g. <c>Bearer</c> or <c>Basic</c>.</summary>
        public string Scheme { get; }

        public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

        public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

        /// <summary>The parameters by name (names compare case-insensitively), values unquoted.</summary>
        public IReadOnlyDictionary<string, string> Parameters => _parameters;

        /// <summary>A bare token after the scheme instead of parameters (rare in registries).</summary>
        public string? Token68 { get; }

        public string? Realm => Get("realm");

        public string? Service => Get("service");

        /// <summary>Space-separated scopes, e.g. <c>repository:library/alpine:pull</c>.</summary>
        public string? Scope => Get("scope");

        /// <summary>Set when the token was refused, e.g. <c>insufficient_scope</c> or <c>invalid_token</c>.</summary>
        public string? Error => Get("error");

        public string? Get(string parameterName) =>
            _parameters.TryGetValue(parameterName, out var value) ? value : null;

        /// <summary>The first challenge in the header.</summary>
        /// <exception cref="FormatException">The header holds no well-formed challenge.</exception>
        public static WwwAuthenticateChallenge Parse(string header) => ParseAll(header)[0];

        public static bool TryParse(string? header, out WwwAuthenticateChallenge? challenge)
        {
            challenge = null;
            if (header is null)
            {
                return false;
            }

            try
            {
                challenge = Parse(header);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>Every challenge in the header, in order (a server may offer Bearer and Basic in one header).</summary>
        /// <exception cref="FormatException">The header is empty or malformed.</exception>
        public static IReadOnlyList<WwwAuthenticateChallenge> ParseAll(string header)
        {
            if (header is null)
            {
                throw new ArgumentNullException(nameof(header));
            }

            var challenges = new WwwAuthenticateReader(header).ReadAll();
            if (challenges.Count == 0)
            {
                throw new FormatException("The WWW-Authenticate header is empty; expected a scheme such as Bearer or Basic.");
            }

            return challenges;
        }

        public override string ToString()
        {
            var text = new StringBuilder(Scheme);
            if (Token68 != null)
            {
                text.Append(' ').Append(Token68);
            }

            var separator = " ";
            foreach (var pair in _parameters)
            {
                text.Append(separator).Append(pair.Key).Append("=\"")
                    .Append(pair.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                separator = ", ";
            }

            return text.ToString();
        }
    }
}
