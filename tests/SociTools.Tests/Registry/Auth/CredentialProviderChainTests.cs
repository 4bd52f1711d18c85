using System;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class CredentialProviderChainTests
    {
        [Fact]
        public async Task First_provider_with_a_credential_wins()
        {
            var chain = new CredentialProviderChain(
                StaticCredentialProvider.Create("only-for-a", "pw-a", "a.example"),
                StaticCredentialProvider.Create("anyone", "pw-any"),
                StaticCredentialProvider.Create("never", "pw-never"));

            Assert.Equal("only-for-a", (await chain.GetAsync("a.example", CancellationToken.None))!.Username);
            Assert.Equal("anyone", (await chain.GetAsync("b.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task Returns_null_when_no_provider_has_the_host()
        {
            var chain = new CredentialProviderChain(StaticCredentialProvider.Create("u", "p", "a.example"));

            Assert.Null(await chain.GetAsync("b.example", CancellationToken.None));
            Assert.Null(await new CredentialProviderChain().GetAsync("b.example", CancellationToken.None));
        }

        [Fact]
        public async Task Falls_through_an_empty_docker_config_to_the_next_provider()
        {
            using var home = new CredentialTestHome();
            var chain = new CredentialProviderChain(home.Provider(), StaticCredentialProvider.Create("fallback", "pw"));

            var credential = await chain.GetAsync("registry.example", CancellationToken.None);

            Assert.Equal("fallback", credential!.Username);
        }

        [Fact]
        public async Task Stops_when_cancelled()
        {
            var chain = new CredentialProviderChain(StaticCredentialProvider.Create("u", "p"));
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.GetAsync("a.example", cancelled.Token));
        }

        [Fact]
        public void Rejects_a_null_provider()
        {
            Assert.Throws<ArgumentException>(() => new CredentialProviderChain(StaticCredentialProvider.Create("u", "p"), null!));
        }
    }
}
