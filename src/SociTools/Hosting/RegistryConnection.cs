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
        /// <param name="timeoutSec">The -TimeoutSec of the cmdlet: how long the registry or its token service may keep the call waiting.</param>
        /// <param name="requests">Told of every request, for -Verbose.</param>
        /// <param name="retry">How failed requests are retried; default: the client's own policy.</param>
        public static RegistryClient Create(
            PSCredential? credential, bool insecure, Reference image, int timeoutSec, System.IProgress<RegistryExchange>? requests, RetryPolicy? retry = null)
        {
            ICredentialProvider provider = credential == null
                ? new CachingCredentialProvider(new DockerConfigCredentialProvider())
                : StaticCredentialProvider.Create(credential.UserName, PlainPassword(credential), image.Registry);
            var timeout = System.TimeSpan.FromSeconds(timeoutSec);
            var options = new RegistryClientOptions
            {
                Insecure = insecure, CredentialProvider = provider, Requests = requests, ReadTimeout = timeout, TokenTimeout = timeout,
            };
            if (retry != null) options.Retry = retry;
            return new RegistryClient(options);
        }

        public static Reference ParseReference(string text) => Reference.Parse(text);

        private static string PlainPassword(PSCredential credential) =>
            new NetworkCredential(credential.UserName, credential.Password).Password;
    }
}
