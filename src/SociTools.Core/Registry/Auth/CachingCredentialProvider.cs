using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// Remembers each host's answer (including "none") so one push or pull runs a credential helper once per
    /// registry instead of once per request. Failures are not remembered.
    /// </summary>
    public sealed class CachingCredentialProvider : ICredentialProvider
    {
        private readonly ICredentialProvider _inner;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly Dictionary<string, RegistryCredential?> _answers = new Dictionary<string, RegistryCredential?>(StringComparer.Ordinal);

        public CachingCredentialProvider(ICredentialProvider inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public async Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
        {
            var host = RegistryHostName.Normalize(registryHost);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_answers.TryGetValue(host, out var known))
                {
                    return known;
                }

                var credential = await _inner.GetAsync(registryHost, cancellationToken).ConfigureAwait(false);
                _answers[host] = credential;
                return credential;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Drops the remembered answer, e.g. after the registry refused it because an ECR token expired.</summary>
        public void Forget(string registryHost)
        {
            var host = RegistryHostName.Normalize(registryHost);
            _gate.Wait();
            try
            {
                _answers.Remove(host);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
