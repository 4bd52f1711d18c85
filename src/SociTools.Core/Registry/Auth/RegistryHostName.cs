using System;
using System.Text.RegularExpressions;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// Turns the many spellings of a registry in config files and on the command line
    /// (<c>https://index.docker.io/v1/</c>, <c>http://localhost:5000/</c>, <c>Docker.io</c>) into one comparable host.
    /// </summary>
    public static class RegistryHostName
    {
        /// <summary>The host every Docker Hub alias normalizes to.</summary>
        public const string DockerHub = "docker.io";

        /// <summary>The server URL docker stores Docker Hub credentials under, in config.json and in credential helpers.</summary>
        public const string DockerHubServerUrl = "https://index.docker.io/v1/";

        private static readonly Regex EcrPrivateHost = new Regex(
            @"^[0-9]+\.dkr[.-]ecr(-fips)?\.[a-z0-9-]+\.(amazonaws\.com|amazonaws\.com\.cn|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$",
            RegexOptions.CultureInvariant);

        /// <summary>Strips scheme and path, lower-cases, and maps Docker Hub aliases to <c>docker.io</c>.</summary>
        public static string Normalize(string registry)
        {
            if (registry is null)
            {
                throw new ArgumentNullException(nameof(registry));
            }

            var host = registry.Trim();
            if (host.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                host = host.Substring("https://".Length);
            }
            else if (host.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                host = host.Substring("http://".Length);
            }

            var slash = host.IndexOf('/');
            if (slash >= 0)
            {
                host = host.Substring(0, slash);
            }

            host = host.ToLowerInvariant();
            return IsDockerHubAlias(host) ? DockerHub : host;
        }

        /// <summary>The string a credential helper expects on stdin for this host (docker uses the v1 URL for Docker Hub).</summary>
        public static string ToHelperServerUrl(string registryHost)
        {
            var host = Normalize(registryHost);
            return host == DockerHub ? DockerHubServerUrl : host;
        }

        /// <summary>True for private and public Amazon ECR hosts, the only hosts <c>docker-credential-ecr-login</c> answers for.</summary>
        public static bool IsEcr(string registryHost)
        {
            var host = Normalize(registryHost);
            return host == "public.ecr.aws" || EcrPrivateHost.IsMatch(host);
        }

        private static bool IsDockerHubAlias(string host) =>
            host == DockerHub || host == "index.docker.io" || host == "registry-1.docker.io" || host == "registry.hub.docker.com";
    }
}
