using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>Finds the credential for a registry host (such as <c>123.dkr.ecr.us-east-1.amazonaws.com</c> or <c>127.0.0.1:5000</c>).</summary>
    public interface ICredentialProvider
    {
        /// <summary>Returns null when this provider has nothing for the host.</summary>
        Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken);
    }
}
