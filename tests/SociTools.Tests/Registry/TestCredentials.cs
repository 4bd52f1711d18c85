using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;

namespace SociTools.Tests.Registry
{
    /// <summary>Gives one fixed credential for every host, as a user's -Credential would.</summary>
    public sealed class TestCredentials : ICredentialProvider
    {
        private readonly RegistryCredential _credential;

        public TestCredentials(string user, string password) => _credential = new RegistryCredential(user, password, "the test's -Credential");

        public int Lookups { get; private set; }

        public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult<RegistryCredential?>(_credential);
        }
    }
}
