using System;
using System.Text.Json;

namespace SociTools.Core.Registry
{
    /// <summary>An access token from a registry's token service, with the time it stops being valid.</summary>
    internal sealed class BearerToken
    {
        private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

        private BearerToken(string value, DateTimeOffset expires)
        {
            Value = value;
            Expires = expires;
        }

        public string Value { get; }

        public DateTimeOffset Expires { get; }

        public bool IsValid(DateTimeOffset now) => now < Expires;

        /// <summary>Reads <c>{"token"|"access_token", "expires_in"}</c>; null when the body holds no token.</summary>
        public static BearerToken? Parse(byte[] body, DateTimeOffset now)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                string? token = null;
                if (root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String) token = t.GetString();
                if (string.IsNullOrEmpty(token) && root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String) token = a.GetString();
                if (string.IsNullOrEmpty(token)) return null;
                var lifetime = DefaultLifetime;
                if (root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0)
                {
                    lifetime = TimeSpan.FromSeconds(seconds);
                }
                var usable = lifetime > ExpiryMargin + ExpiryMargin ? lifetime - ExpiryMargin : lifetime;
                return new BearerToken(token!, now + usable);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
