using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace SociTools.Core.Oci
{
    /// <summary>A content digest such as <c>sha256:&lt;64 hex&gt;</c>, as the OCI image spec defines it.</summary>
    public readonly struct Digest : IEquatable<Digest>
    {
        public const string Sha256Algorithm = "sha256";

        private Digest(string algorithm, string encoded)
        {
            Algorithm = algorithm;
            Encoded = encoded;
        }

        public string Algorithm { get; }

        /// <summary>The hex part after the colon.</summary>
        public string Encoded { get; }

        public bool IsEmpty => Algorithm == null;

        public static Digest Parse(string text) =>
            TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a digest of the form sha256:<64 lowercase hex digits>.");

        public static bool TryParse(string? text, out Digest digest)
        {
            digest = default;
            if (text == null) return false;
            var colon = text.IndexOf(':');
            if (colon <= 0) return false;
            var algorithm = text.Substring(0, colon);
            var encoded = text.Substring(colon + 1);
            if (algorithm != Sha256Algorithm || encoded.Length != 64) return false;
            foreach (var c in encoded)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            digest = new Digest(algorithm, encoded);
            return true;
        }

        public static Digest FromSha256Hash(byte[] hash) => new Digest(Sha256Algorithm, ToHex(hash));

        public static Digest Compute(byte[] content) => Compute(content, 0, content.Length);

        public static Digest Compute(byte[] content, int offset, int count)
        {
            using var sha = SHA256.Create();
            return FromSha256Hash(sha.ComputeHash(content, offset, count));
        }

        public static Digest Compute(Stream content)
        {
            using var sha = SHA256.Create();
            return FromSha256Hash(sha.ComputeHash(content));
        }

        public static string ToHex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) builder.Append(b.ToString("x2"));
            return builder.ToString();
        }

        public override string ToString() => IsEmpty ? "" : Algorithm + ":" + Encoded;

        public bool Equals(Digest other) => Algorithm == other.Algorithm && Encoded == other.Encoded;

        public override bool Equals(object? obj) => obj is Digest other && Equals(other);

        public override int GetHashCode() => (Encoded ?? "").GetHashCode();

        public static bool operator ==(Digest left, Digest right) => left.Equals(right);

        public static bool operator !=(Digest left, Digest right) => !left.Equals(right);
    }
}
