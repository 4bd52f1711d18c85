using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    public class RegistryHostNameTests
    {
        [Theory]
        [InlineData("https://index.docker.io/v1/", "docker.io")]
        [InlineData("registry-1.docker.io", "docker.io")]
        [InlineData("Docker.IO", "docker.io")]
        [InlineData("http://127.0.0.1:5000/v2/", "127.0.0.1:5000")]
        [InlineData("  ghcr.io/owner/repo ", "ghcr.io")]
        public void Normalizes_registry_spellings(string spelling, string expected)
        {
            Assert.Equal(expected, RegistryHostName.Normalize(spelling));
        }

        [Theory]
        [InlineData("docker.io", "https://index.docker.io/v1/")]
        [InlineData("localhost:5000", "localhost:5000")]
        public void Helper_server_url_uses_docker_v1_url_for_docker_hub(string host, string expected)
        {
            Assert.Equal(expected, RegistryHostName.ToHelperServerUrl(host));
        }

        [Theory]
        [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com", true)]
        [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", true)]
        [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", true)]
        [InlineData("public.ecr.aws", true)]
        [InlineData("docker.io", false)]
        [InlineData("ecr.example.com", false)]
        public void Recognizes_ecr_hosts(string host, bool isEcr)
        {
            Assert.Equal(isEcr, RegistryHostName.IsEcr(host));
        }
    }
}
