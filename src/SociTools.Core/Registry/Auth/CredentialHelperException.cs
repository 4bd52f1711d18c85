namespace SociTools.Core.Registry.Auth
{
    /// <summary>A <c>docker-credential-&lt;name&gt;</c> helper that is missing, cannot run on this host, timed out or failed.</summary>
    public sealed class CredentialHelperException : CredentialException
    {
        public CredentialHelperException(string helperName, string registryHost, string message, int? exitCode = null)
            : base(message)
        {
            HelperName = helperName;
            RegistryHost = registryHost;
            ExitCode = exitCode;
        }

        /// <summary>The helper's name as config.json spells it, e.g. <c>ecr-login</c>.</summary>
        public string HelperName { get; }

        public string RegistryHost { get; }

        /// <summary>The helper's exit code when it ran and failed; null when it never ran or timed out.</summary>
        public int? ExitCode { get; }
    }
}
