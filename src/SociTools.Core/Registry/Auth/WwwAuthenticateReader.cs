using System;
using System.Collections.Generic;
using System.Text;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>Reads the challenges of a WWW-Authenticate header: scheme, then a token68 or comma-separated parameters.</summary>
    internal sealed class WwwAuthenticateReader
    {
        private readonly string _text;
        private int _position;

        public WwwAuthenticateReader(string text)
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
