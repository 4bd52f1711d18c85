using System;
using Xunit;

namespace SociTools.Tests.Registry
{
    /// <summary>Two real registries shared by the registry tests: one anonymous, one with htpasswd basic auth.</summary>
    public sealed class RegistryFixture : IDisposable
    {
        public const string User = "tester";
        public const string Password = "s3cret-Passw0rd!";

        private readonly Lazy<RegistryServer> _anonymous = new Lazy<RegistryServer>(() => RegistryServer.Start());
        private readonly Lazy<RegistryServer> _basic = new Lazy<RegistryServer>(() => RegistryServer.Start(User, Password));

        /// <summary>Starts on first use; a start failure fails the test that used it, with the registry's log.</summary>
        public RegistryServer Anonymous => _anonymous.Value;

        public RegistryServer Basic => _basic.Value;

        public void Dispose()
        {
            if (_anonymous.IsValueCreated) _anonymous.Value.Dispose();
            if (_basic.IsValueCreated) _basic.Value.Dispose();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
    {
        public const string Name = "Registry";
    }
}
