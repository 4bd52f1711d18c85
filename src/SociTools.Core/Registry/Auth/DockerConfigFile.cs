using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// The credential parts of a Docker-format config.json (<c>auths</c>, <c>credHelpers</c>, <c>credsStore</c>),
    /// as docker, nerdctl and Finch write it.
    /// </summary>
    internal sealed class DockerConfigFile
    {
        private readonly List<AuthEntry> _auths;
        private readonly Dictionary<string, string> _credHelpers;

        private DockerConfigFile(string path, List<AuthEntry> auths, Dictionary<string, string> credHelpers, string? credsStore)
        {
            Path = path;
            _auths = auths;
            _credHelpers = credHelpers;
            CredsStore = credsStore;
        }

        public string Path { get; }

        /// <summary>The default helper for hosts without a <c>credHelpers</c> entry, e.g. <c>ecr-login</c>.</summary>
        public string? CredsStore { get; }

        /// <summary>Reads the file; null when it does not exist.</summary>
        public static DockerConfigFile? Load(string path)
        {
            string json;
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                json = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CredentialConfigException(path, $"Cannot read registry credentials from {path}: {e.Message}", e);
            }

            return Parse(path, json);
        }

        public static DockerConfigFile Parse(string path, string json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return new DockerConfigFile(path, new List<AuthEntry>(), new Dictionary<string, string>(), null);
            }

            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new CredentialConfigException(path, $"{path} is not a Docker config file: its top level is not a JSON object.");
                }

                return new DockerConfigFile(path, ReadAuths(path, root), ReadCredHelpers(path, root), ReadString(path, root, "credsStore")?.Trim() is { Length: > 0 } store ? store : null);
            }
            catch (JsonException e)
            {
                // The position only: the parser's own message may quote file content, and the file holds secrets.
                throw new CredentialConfigException(
                    path, $"{path} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). Fix or remove the file.", e);
            }
        }

        /// <summary>The helper for the host: its <c>credHelpers</c> entry, else <c>credsStore</c>; null when neither is set.</summary>
        public ConfiguredHelper? HelperFor(string registryHost)
        {
            var host = RegistryHostName.Normalize(registryHost);
            if (_credHelpers.TryGetValue(host, out var name))
            {
                return new ConfiguredHelper(name, isDefaultStore: false);
            }

            return CredsStore is null ? null : new ConfiguredHelper(CredsStore, isDefaultStore: true);
        }

        /// <summary>The credential stored inline under <c>auths</c> for the host, or null.</summary>
        public RegistryCredential? FindAuth(string registryHost)
        {
            var host = RegistryHostName.Normalize(registryHost);
            RegistryCredential? found = null;
            foreach (var entry in _auths)
            {
                if (RegistryHostName.Normalize(entry.Key) != host)
                {
                    continue;
                }

                var credential = entry.ToCredential(Path);
                if (credential is null)
                {
                    continue;
                }

                // The key spelled exactly as asked wins over another spelling of the same host.
                if (string.Equals(entry.Key, registryHost, StringComparison.OrdinalIgnoreCase))
                {
                    return credential;
                }

                found ??= credential;
            }

            return found;
        }

        private static List<AuthEntry> ReadAuths(string path, JsonElement root)
        {
            var auths = new List<AuthEntry>();
            if (!root.TryGetProperty("auths", out var section) || section.ValueKind == JsonValueKind.Null)
            {
                return auths;
            }

            if (section.ValueKind != JsonValueKind.Object)
            {
                throw new CredentialConfigException(path, $"\"auths\" in {path} is not a JSON object of registry entries.");
            }

            foreach (var property in section.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new CredentialConfigException(path, $"The \"auths\" entry for '{property.Name}' in {path} is not a JSON object.");
                }

                auths.Add(new AuthEntry(
                    property.Name,
                    ReadString(path, property.Value, "auth"),
                    ReadString(path, property.Value, "username"),
                    ReadString(path, property.Value, "password"),
                    ReadString(path, property.Value, "identitytoken")));
            }

            return auths;
        }

        private static Dictionary<string, string> ReadCredHelpers(string path, JsonElement root)
        {
            var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!root.TryGetProperty("credHelpers", out var section) || section.ValueKind == JsonValueKind.Null)
            {
                return helpers;
            }

            if (section.ValueKind != JsonValueKind.Object)
            {
                throw new CredentialConfigException(path, $"\"credHelpers\" in {path} is not a JSON object of registry → helper names.");
            }

            foreach (var property in section.EnumerateObject())
            {
                var name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new CredentialConfigException(path, $"The \"credHelpers\" entry for '{property.Name}' in {path} is not a helper name.");
                }

                var host = RegistryHostName.Normalize(property.Name);
                if (!helpers.ContainsKey(host))
                {
                    helpers.Add(host, name!.Trim());
                }
            }

            return helpers;
        }

        private static string? ReadString(string path, JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw new CredentialConfigException(path, $"\"{name}\" in {path} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string.");
            }

            var text = value.GetString();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private sealed class AuthEntry
        {
            private readonly string? _auth;
            private readonly string? _username;
            private readonly string? _password;
            private readonly string? _identityToken;

            public AuthEntry(string key, string? auth, string? username, string? password, string? identityToken)
            {
                Key = key;
                _auth = auth;
                _username = username;
                _password = password;
                _identityToken = identityToken;
            }

            public string Key { get; }

            // Decoded only when asked for, so one garbled entry does not break every other registry.
            public RegistryCredential? ToCredential(string configPath)
            {
                var username = _username;
                var password = _password;
                if (_auth != null)
                {
                    (username, password) = DecodeAuth(configPath);
                }

                if (username is null && password is null && _identityToken is null)
                {
                    return null;
                }

                return new RegistryCredential(username, password, $"\"auths\" in {configPath}", _identityToken);
            }

            private (string Username, string Password) DecodeAuth(string configPath)
            {
                string decoded;
                try
                {
                    decoded = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(_auth!.Trim())));
                }
                catch (FormatException e)
                {
                    throw new CredentialConfigException(
                        configPath,
                        $"The \"auth\" value for '{Key}' in {configPath} is not valid base64; it should be base64 of \"user:password\". " +
                        $"Log in to {RegistryHostName.Normalize(Key)} again or correct the entry.",
                        e);
                }

                var colon = decoded.IndexOf(':');
                if (colon <= 0)
                {
                    throw new CredentialConfigException(
                        configPath,
                        $"The \"auth\" value for '{Key}' in {configPath} does not decode to \"user:password\". " +
                        $"Log in to {RegistryHostName.Normalize(Key)} again or correct the entry.");
                }

                return (decoded.Substring(0, colon), decoded.Substring(colon + 1));
            }

            // Some tools write base64 without its '=' padding; docker's own decoder rejects that, but it is unambiguous.
            private static string PadBase64(string value)
            {
                var remainder = value.Length % 4;
                return remainder == 0 ? value : value + new string('=', 4 - remainder);
            }
        }
    }
}
