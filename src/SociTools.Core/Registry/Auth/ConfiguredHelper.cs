namespace SociTools.Core.Registry.Auth
{
    /// <summary>A credential helper named in config.json for one host, and whether it came from <c>credsStore</c>.</summary>
    internal sealed class ConfiguredHelper
    {
        public ConfiguredHelper(string name, bool isDefaultStore)
        {
            Name = name;
            IsDefaultStore = isDefaultStore;
        }

        /// <summary>The name after <c>docker-credential-</c>, e.g. <c>ecr-login</c>.</summary>
        public string Name { get; }

        /// <summary>True when named by <c>credsStore</c> (every host) rather than a <c>credHelpers</c> entry for this host.</summary>
        public bool IsDefaultStore { get; }

        public string ProgramName => "docker-credential-" + Name;

        public string Origin => IsDefaultStore ? "\"credsStore\"" : "\"credHelpers\"";
    }
}
