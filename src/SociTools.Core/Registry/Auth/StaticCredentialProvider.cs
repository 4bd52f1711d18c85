using System;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>One user name and password given by the caller (<c>-Credential</c>), for any registry or for one host.</summary>
    public sealed class StaticCredentialProvider : ICredentialProvider
    {
        /// <summary>The <see cref="RegistryCredential.Source"/> of credentials this provider returns.</summary>
        public const string SourceName = "-Credential";

        /// <summary>The user name Amazon ECR expects with the password from <c>aws ecr get-login-password</c>.</summary>
        public const string EcrUserName = "AWS";

        private readonly RegistryCredential _credential;

        private StaticCredentialProvider(string username, string password, string? registryHost)
        {
            if (string.IsNullOrWhiteSpace(username))
            {
                throw new ArgumentException("A registry user name cannot be empty.", nameof(username));
            }

            if (string.IsNullOrEmpty(password))
            {
                throw new ArgumentException($"The password for registry user '{username}' is empty.", nameof(password));
            }

            RegistryHost = registryHost is null ? null : NormalizeHostArgument(registryHost, nameof(registryHost));
            _credential = new RegistryCredential(username, password, SourceName);
        }

        /// <summary>The only host this credential is given to, or null for every host.</summary>
        public string? RegistryHost { get; }

        /// <summary>A user name and password for <paramref name="registryHost"/>, or for every host when it is null.</summary>
        public static StaticCredentialProvider Create(string username, string password, string? registryHost = null) =>
            new StaticCredentialProvider(username, password, registryHost);

        /// <summary>
        /// The password printed by <c>aws ecr get-login-password</c>, with the user name <c>AWS</c>.
        /// Surrounding whitespace is dropped: ECR tokens never hold any, and a captured line may end in a newline.
        /// </summary>
        public static StaticCredentialProvider FromEcrLoginPassword(string password, string? registryHost = null) =>
            new StaticCredentialProvider(EcrUserName, password?.Trim()!, registryHost);

        /// <summary>
        /// The Username, Password and ProxyEndpoint of the object AWS.Tools.ECR's <c>Get-ECRLoginCommand</c> returns;
        /// the credential is given only to the endpoint's host (to every host when the endpoint is null).
        /// </summary>
        public static StaticCredentialProvider FromEcrLoginCommand(string username, string password, string? proxyEndpoint) =>
            new StaticCredentialProvider(username, password?.Trim()!, proxyEndpoint);

        public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var matches = RegistryHost is null || RegistryHostName.Normalize(registryHost) == RegistryHost;
            return Task.FromResult(matches ? _credential : null);
        }

        public override string ToString() =>
            RegistryHost is null ? $"{_credential} for any registry" : $"{_credential} for {RegistryHost}";

        private static string NormalizeHostArgument(string registry, string parameterName)
        {
            var host = RegistryHostName.Normalize(registry);
            if (host.Length == 0)
            {
                throw new ArgumentException($"'{registry}' does not name a registry host.", parameterName);
            }

            return host;
        }
    }
}
