using System;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>A Docker/Finch config.json that cannot be read or holds an entry that cannot be decoded.</summary>
    public sealed class CredentialConfigException : CredentialException
    {
        public CredentialConfigException(string configPath, string message) : base(message)
        {
            ConfigPath = configPath;
        }

        public CredentialConfigException(string configPath, string message, Exception inner) : base(message, inner)
        {
            ConfigPath = configPath;
        }

        public string ConfigPath { get; }
    }
}
