using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>Asks providers in order; the first credential found wins.</summary>
    public sealed class CredentialProviderChain : ICredentialProvider
    {
        private readonly ICredentialProvider[] _providers;

        public CredentialProviderChain(params ICredentialProvider[] providers)
        {
            if (providers is null)
            {
                throw new ArgumentNullException(nameof(providers));
            }

            if (providers.Any(p => p is null))
            {
                throw new ArgumentException("A credential provider chain cannot hold a null provider.", nameof(providers));
            }

            _providers = (ICredentialProvider[])providers.Clone();
        }

        public IReadOnlyList<ICredentialProvider> Providers => _providers;

        public async Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
        {
            foreach (var provider in _providers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var credential = await provider.GetAsync(registryHost, cancellationToken).ConfigureAwait(false);
                if (credential != null)
                {
                    return credential;
                }
            }

            return null;
        }
    }
}
