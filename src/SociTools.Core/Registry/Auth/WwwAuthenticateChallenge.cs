using System;
using System.Collections.Generic;
using System.Text;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>One challenge of a <c>WWW-Authenticate</c> header (RFC 7235), such as a registry's Bearer token realm.</summary>
    public sealed class WwwAuthenticateChallenge
    {
        private readonly IReadOnlyDictionary<string, string> _parameters;

        private WwwAuthenticateChallenge(string scheme, string? token68, Dictionary<string, string> parameters)
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

            var challenges = new ChallengeReader(header).ReadAll();
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

        private sealed class ChallengeReader
        {
            private readonly string _text;
            private int _position;

            public ChallengeReader(string text)
            {
                _text = text;
            }

            public List<WwwAuthenticateChallenge> ReadAll()
            {
                var challenges = new List<WwwAuthenticateChallenge>();
                while (true)
                {
                    SkipWhitespaceAndCommas();
                    if (AtEnd)
                    {
                        return challenges;
                    }

                    challenges.Add(ReadChallenge());
                }
            }

            private bool AtEnd => _position >= _text.Length;

            private char Current => _text[_position];

            private WwwAuthenticateChallenge ReadChallenge()
            {
                var scheme = ReadToken("an authentication scheme");
                var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                SkipWhitespace();
                var token68 = TryReadToken68();
                if (token68 != null)
                {
                    return new WwwAuthenticateChallenge(scheme, token68, parameters);
                }

                while (TryReadParameter(out var name, out var value))
                {
                    if (!parameters.ContainsKey(name))
                    {
                        parameters.Add(name, value);
                    }

                    SkipWhitespace();
                    if (AtEnd)
                    {
                        break;
                    }

                    if (Current != ',')
                    {
                        throw Malformed("expected ',' between parameters");
                    }

                    SkipWhitespaceAndCommas();
                }

                return new WwwAuthenticateChallenge(scheme, null, parameters);
            }

            // A token68 stands alone: no '=' value after it, and the challenge (or header) ends right after.
            private string? TryReadToken68()
            {
                var start = _position;
                while (!AtEnd && IsToken68Char(Current))
                {
                    _position++;
                }

                if (_position == start)
                {
                    return null;
                }

                while (!AtEnd && Current == '=')
                {
                    _position++;
                }

                var end = _position;
                SkipWhitespace();
                if (AtEnd || Current == ',')
                {
                    return _text.Substring(start, end - start);
                }

                _position = start;
                return null;
            }

            // Returns false, leaving the position unchanged, when the next token starts a new challenge.
            private bool TryReadParameter(out string name, out string value)
            {
                name = value = string.Empty;
                var start = _position;
                if (AtEnd || !IsTokenChar(Current))
                {
                    return false;
                }

                name = ReadToken("a parameter name");
                SkipWhitespace();
                if (AtEnd || Current != '=')
                {
                    _position = start;
                    return false;
                }

                _position++;
                SkipWhitespace();
                value = !AtEnd && Current == '"' ? ReadQuotedString() : ReadUnquotedValue(name);
                return true;
            }

            private string ReadQuotedString()
            {
                _position++;
                var value = new StringBuilder();
                while (!AtEnd)
                {
                    var c = Current;
                    _position++;
                    if (c == '"')
                    {
                        return value.ToString();
                    }

                    if (c == '\\')
                    {
                        if (AtEnd)
                        {
                            break;
                        }

                        c = Current;
                        _position++;
                    }

                    value.Append(c);
                }

                throw Malformed("a quoted string is not closed");
            }

            // RFC 7235 allows only a token here, but some servers send an unquoted URL; everything up to ',' is the value.
            private string ReadUnquotedValue(string name)
            {
                var start = _position;
                while (!AtEnd && Current != ',' && Current != ' ' && Current != '\t' && Current != '"')
                {
                    _position++;
                }

                if (_position == start)
                {
                    throw Malformed($"expected a value for '{name}'");
                }

                return _text.Substring(start, _position - start);
            }

            private string ReadToken(string what)
            {
                var start = _position;
                while (!AtEnd && IsTokenChar(Current))
                {
                    _position++;
                }

                if (_position == start)
                {
                    throw Malformed($"expected {what}");
                }

                return _text.Substring(start, _position - start);
            }

            private void SkipWhitespace()
            {
                while (!AtEnd && (Current == ' ' || Current == '\t'))
                {
                    _position++;
                }
            }

            private void SkipWhitespaceAndCommas()
            {
                while (!AtEnd && (Current == ' ' || Current == '\t' || Current == ','))
                {
                    _position++;
                }
            }

            private FormatException Malformed(string problem)
            {
                const int shown = 200;
                var header = _text.Length > shown ? _text.Substring(0, shown) + "..." : _text;
                return new FormatException($"Malformed WWW-Authenticate header at character {_position + 1}: {problem}. Header: {header}");
            }

            private static bool IsTokenChar(char c) =>
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

            private static bool IsToken68Char(char c) =>
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~+/".IndexOf(c) >= 0;
        }
    }
}
