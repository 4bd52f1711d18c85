using System.Collections.Generic;
using System.IO;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>One config.json that may hold registry credentials, and whether Finch owns it.</summary>
    internal sealed class DockerConfigLocation
    {
        private DockerConfigLocation(string path, string? finchDirectory)
        {
            Path = path;
            FinchDirectory = finchDirectory;
        }

        public string Path { get; }

        /// <summary>The Finch state directory holding this file and <c>cred-helpers</c>; null for docker's own config.</summary>
        public string? FinchDirectory { get; }

        public bool IsFinch => FinchDirectory != null;

        /// <summary>Finch's config first (what <c>finch login</c> writes), then docker's: $DOCKER_CONFIG or ~/.docker.</summary>
        public static IReadOnlyList<DockerConfigLocation> SearchOrder(CredentialEnvironment environment)
        {
            var locations = new List<DockerConfigLocation>();
            if (environment.Platform == CredentialPlatform.Windows)
            {
                var localAppData = environment.GetVariable("LOCALAPPDATA");
                if (localAppData != null)
                {
                    locations.Add(Finch(System.IO.Path.Combine(localAppData, ".finch")));
                }

                // A plain `finch login` on Windows writes under %USERPROFILE%, which the VM never reads (finch.md §4),
                // but the credential there is still the user's.
                locations.Add(Finch(System.IO.Path.Combine(environment.HomeDirectory, ".finch")));
            }
            else
            {
                // macOS Finch keeps it here; Linux-native Finch uses docker's location, so this file is usually absent.
                locations.Add(Finch(System.IO.Path.Combine(environment.HomeDirectory, ".finch")));
            }

            var dockerConfig = environment.GetVariable("DOCKER_CONFIG") ?? System.IO.Path.Combine(environment.HomeDirectory, ".docker");
            locations.Add(new DockerConfigLocation(System.IO.Path.Combine(dockerConfig, "config.json"), null));
            return locations;
        }

        private static DockerConfigLocation Finch(string finchDirectory) =>
            new DockerConfigLocation(System.IO.Path.Combine(finchDirectory, "config.json"), finchDirectory);
    }
}
