using System.Management.Automation;
using System.Net;
using SociTools.Core.Registry;
using SociTools.Core.Registry.Auth;

namespace SociTools.Hosting
{
    /// <summary>
    /// The registry client a cmdlet uses: -Credential when given, else the credentials a Finch or
    /// Docker user already has (config.json auths and credential helpers), asked once per registry.
    /// </summary>
    internal static class RegistryConnection
    {
        public static RegistryClient Create(PSCredential? credential, bool insecure, Reference image)
        {
            ICredentialProvider provider = credential == null
                ? new CachingCredentialProvider(new DockerConfigCredentialProvider())
                : StaticCredentialProvider.Create(credential.UserName, PlainPassword(credential), image.Registry);
            return new RegistryClient(new RegistryClientOptions { Insecure = insecure, CredentialProvider = provider });
        }

        public static Reference ParseReference(string text) => Reference.Parse(text);

        private static string PlainPassword(PSCredential credential) =>
            new NetworkCredential(credential.UserName, credential.Password).Password;
    }
}
