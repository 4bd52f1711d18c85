using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class CachingCredentialProviderTests
    {
        private const string Host = "good.example:5000";

        [Fact]
        public async Task Runs_the_credential_helper_once_per_registry()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "helper-user", "Zq9helperSecretValue");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");
            var cache = new CachingCredentialProvider(home.Provider());

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal("helper-user", (await cache.GetAsync(Host, CancellationToken.None))!.Username);
                Assert.Null(await cache.GetAsync("other.example", CancellationToken.None));
            }

            var asked = File.ReadAllLines(home.RequestLog);
            Assert.Equal(new[] { Host, "other.example" }, asked);
        }

        [Fact]
        public async Task Forget_makes_the_next_lookup_ask_again()
        {
            using var home = new CredentialTestHome();
            home.WriteAnsweringHelper("test", Host, "helper-user", "Zq9helperSecretValue");
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"test\"}");
            var cache = new CachingCredentialProvider(home.Provider());

            await cache.GetAsync(Host, CancellationToken.None);
            cache.Forget("https://" + Host);
            await cache.GetAsync(Host, CancellationToken.None);

            Assert.Equal(2, File.ReadAllLines(home.RequestLog).Count(line => line == Host));
        }

        [Fact]
        public async Task Failures_are_not_remembered()
        {
            using var home = new CredentialTestHome();
            home.WriteConfig(home.HomeDockerDirectory, "{\"credsStore\":\"later\"}");
            var cache = new CachingCredentialProvider(home.Provider());

            await Assert.ThrowsAsync<CredentialHelperException>(() => cache.GetAsync(Host, CancellationToken.None));
            home.WriteAnsweringHelper("later", Host, "installed-later", "Zq9helperSecretValue");

            Assert.Equal("installed-later", (await cache.GetAsync(Host, CancellationToken.None))!.Username);
        }
    }
}
