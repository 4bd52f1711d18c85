using System.Net;
using System.Security.Authentication;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// The HTTP handler the registry client owns. Run on net10.0 and, linked into SociTools.Core.Tests.Net472, under Mono,
    /// whose HttpClientHandler (like .NET Framework's) takes its defaults from ServicePointManager.
    /// </summary>
    public class RegistryHandlerTests
    {
        [Fact]
        public void The_handler_allows_parallel_uploads_to_one_registry()
        {
            using var handler = RegistryTransport.CreateHandler();

            Assert.Equal(RegistryTransport.MaxConnectionsPerHost, handler.MaxConnectionsPerServer);
            Assert.True(handler.MaxConnectionsPerServer >= 8, $"{handler.MaxConnectionsPerServer} connections per registry");
            Assert.False(handler.AllowAutoRedirect);
        }

        [Fact]
        public void On_net_framework_and_mono_the_handler_asks_for_tls_1_2_and_leaves_process_wide_settings_alone()
        {
            var processWideLimit = ServicePointManager.DefaultConnectionLimit;
            var processWideProtocols = ServicePointManager.SecurityProtocol;

            using var handler = RegistryTransport.CreateHandler();

#if NETFRAMEWORK
            Assert.True(RegistryTransport.TlsDefaultsToServicePointManager);
            Assert.Equal(SslProtocols.Tls12, handler.SslProtocols);
#else
            Assert.False(RegistryTransport.TlsDefaultsToServicePointManager);
            Assert.Equal(SslProtocols.None, handler.SslProtocols);
#endif
            Assert.Equal(processWideLimit, ServicePointManager.DefaultConnectionLimit);
            Assert.Equal(processWideProtocols, ServicePointManager.SecurityProtocol);
        }
    }
}
