using System;
using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Oci
{
    /// <summary>The platform an image manifest runs on (OCI image-spec <c>platform</c>).</summary>
    public sealed class Platform : IEquatable<Platform>
    {
        public string Architecture { get; set; } = "";
        public string Os { get; set; } = "";
        public string? OsVersion { get; set; }
        public IList<string>? OsFeatures { get; set; }
        public string? Variant { get; set; }

        /// <summary>Parses <c>os/arch[/variant]</c>, as containerd and Finch write it.</summary>
        public static Platform Parse(string text)
        {
            var parts = text.Split('/');
            if (parts.Length < 2 || parts.Length > 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                throw new FormatException($"'{text}' is not a platform of the form os/architecture[/variant], such as linux/amd64.");
            }
            return new Platform { Os = parts[0], Architecture = parts[1], Variant = parts.Length == 3 ? parts[2] : null };
        }

        public override string ToString() => Os + "/" + Architecture + (string.IsNullOrEmpty(Variant) ? "" : "/" + Variant);

        public bool Equals(Platform? other) =>
            other != null && Os == other.Os && Architecture == other.Architecture && (Variant ?? "") == (other.Variant ?? "");

        public override bool Equals(object? obj) => Equals(obj as Platform);

        public override int GetHashCode() => ToString().GetHashCode();
    }
}
