using System;
using System.Text.RegularExpressions;
using SociTools.Core.Oci;

namespace SociTools.Core.Registry
{
    /// <summary>An image reference <c>host[:port]/repository[:tag][@digest]</c>, normalized as Docker does.</summary>
    public sealed class Reference
    {
        public const string DockerHub = "docker.io";
        private const string DockerHubApiHost = "registry-1.docker.io";
        private const int MaxNameLength = 255;

        private static readonly Regex PathComponent = new Regex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex TagPattern = new Regex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
        private static readonly Regex HostPattern = new Regex(
            @"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$",
            RegexOptions.CultureInvariant);
        private static readonly Regex EcrHost = new Regex(
            @"^(?<account>[0-9]{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$",
            RegexOptions.CultureInvariant);

        public Reference(string registry, string repository, string? tag = null, Digest? digest = null)
        {
            Registry = registry;
            Repository = repository;
            Tag = tag;
            Digest = digest;
            var ecr = EcrHost.Match(registry);
            if (ecr.Success)
            {
                EcrAccount = ecr.Groups["account"].Value;
                EcrRegion = ecr.Groups["region"].Value;
            }
        }

        /// <summary>The registry as the user names it: <c>docker.io</c>, <c>127.0.0.1:5000</c>.</summary>
        public string Registry { get; }

        /// <summary>The repository path, e.g. <c>library/alpine</c>.</summary>
        public string Repository { get; }

        public string? Tag { get; }

        public Digest? Digest { get; }

        /// <summary>The AWS account of an Amazon ECR registry host; null for other registries.</summary>
        public string? EcrAccount { get; }

        /// <summary>The AWS region of an Amazon ECR registry host; null for other registries.</summary>
        public string? EcrRegion { get; }

        public bool IsEcr => EcrAccount != null;

        /// <summary>The host the distribution API is served from (Docker Hub's differs from its name).</summary>
        public string ApiHost => Registry == DockerHub ? DockerHubApiHost : Registry;

        /// <summary>What a manifest request names: the digest when there is one, else the tag, else <c>latest</c>.</summary>
        public string ManifestReference => Digest?.ToString() ?? Tag ?? "latest";

        /// <summary>The repository without tag or digest.</summary>
        public string RepositoryName => Registry + "/" + Repository;

        public Reference WithTag(string tag)
        {
            if (!TagPattern.IsMatch(tag)) throw new FormatException($"'{tag}' is not a valid tag: use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
            return new Reference(Registry, Repository, tag, null);
        }

        public Reference WithDigest(Digest digest) => new Reference(Registry, Repository, null, digest);

        public Reference WithRepository(string repository) => new Reference(Registry, repository);

        public static Reference Parse(string text) =>
            TryParse(text, out var reference, out var error) ? reference! : throw new FormatException(error);

        public static bool TryParse(string? text, out Reference? reference) => TryParse(text, out reference, out _);

        private static bool TryParse(string? text, out Reference? reference, out string error)
        {
            reference = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                error = "An image reference is empty; expected host[:port]/repository[:tag][@digest].";
                return false;
            }
            var remainder = text!.Trim();
            Digest? digest = null;
            var at = remainder.IndexOf('@');
            if (at >= 0)
            {
                if (!Oci.Digest.TryParse(remainder.Substring(at + 1), out var parsed))
                {
                    error = $"'{text}' has an invalid digest; expected sha256:<64 lowercase hex digits> after '@'.";
                    return false;
                }
                digest = parsed;
                remainder = remainder.Substring(0, at);
            }

            string? tag = null;
            var lastSlash = remainder.LastIndexOf('/');
            var colon = remainder.LastIndexOf(':');
            if (colon > lastSlash)
            {
                tag = remainder.Substring(colon + 1);
                remainder = remainder.Substring(0, colon);
                if (!TagPattern.IsMatch(tag))
                {
                    error = $"'{text}' has an invalid tag '{tag}': use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.";
                    return false;
                }
            }

            string registry;
            string path;
            var firstSlash = remainder.IndexOf('/');
            var first = firstSlash < 0 ? null : remainder.Substring(0, firstSlash);
            if (first != null && (first.Contains(".") || first.Contains(":") || first == "localhost"))
            {
                registry = first;
                path = remainder.Substring(firstSlash + 1);
                if (!HostPattern.IsMatch(registry))
                {
                    error = $"'{text}' has an invalid registry host '{registry}'.";
                    return false;
                }
                registry = registry.ToLowerInvariant();
                if (registry == "index.docker.io" || registry == "registry-1.docker.io") registry = DockerHub;
            }
            else
            {
                registry = DockerHub;
                path = remainder;
            }
            if (registry == DockerHub && path.IndexOf('/') < 0) path = "library/" + path;

            if (path.Length == 0)
            {
                error = $"'{text}' names no repository after the registry host.";
                return false;
            }
            foreach (var component in path.Split('/'))
            {
                if (PathComponent.IsMatch(component)) continue;
                error = component.ToLowerInvariant() != component && PathComponent.IsMatch(component.ToLowerInvariant())
                    ? $"'{text}': repository names must be lowercase ('{path.ToLowerInvariant()}')."
                    : $"'{text}' has an invalid repository component '{component}': use lowercase letters and digits separated by '.', '_', '__' or '-'.";
                return false;
            }
            if (registry.Length + 1 + path.Length > MaxNameLength)
            {
                error = $"'{text}' is longer than {MaxNameLength} characters.";
                return false;
            }
            reference = new Reference(registry, path, tag, digest);
            error = "";
            return true;
        }

        public override string ToString()
        {
            var text = RepositoryName;
            if (Tag != null) text += ":" + Tag;
            if (Digest != null) text += "@" + Digest;
            return text;
        }
    }
}
