namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// A user name and secret for one registry, with where it came from; the secret never
    /// appears in <see cref="ToString"/>, so a credential can be named in errors safely.
    /// </summary>
    public sealed class RegistryCredential
    {
        public RegistryCredential(string? username, string? password, string source, string? identityToken = null)
        {
            Username = username;
            Password = password;
            Source = source;
            IdentityToken = identityToken;
        }

        public string? Username { get; }

        public string? Password { get; }

        /// <summary>An OAuth2 refresh token (config.json <c>identitytoken</c>), used instead of the password.</summary>
        public string? IdentityToken { get; }

        /// <summary>Where the credential was found, e.g. "-Credential" or "credential helper docker-credential-ecr-login".</summary>
        public string Source { get; }

        public override string ToString() => $"user '{Username}' from {Source}";
    }
}
