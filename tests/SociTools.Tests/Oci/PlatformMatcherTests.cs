using System.Runtime.InteropServices;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;
using Xunit;

namespace SociTools.Tests.Oci
{
    public sealed class PlatformMatcherTests
    {
        [Theory]
        [InlineData("linux/arm64", "linux/arm64/v8")]
        [InlineData("linux/arm64/v8", "linux/arm64")]
        [InlineData("linux/aarch64", "linux/arm64")]
        [InlineData("linux/amd64", "linux/x86_64")]
        [InlineData("linux/amd64", "linux/amd64/v1")]
        [InlineData("Linux/AMD64", "linux/amd64")]
        [InlineData("linux/arm", "linux/arm/v7")]
        [InlineData("linux/armhf", "linux/arm/7")]
        public void Names_of_the_same_platform_match(string wanted, string candidate)
        {
            Assert.True(new PlatformMatcher(Platform.Parse(wanted)).Matches(Platform.Parse(candidate)));
        }

        [Theory]
        [InlineData("linux/amd64", "linux/arm64")]
        [InlineData("linux/arm64", "linux/amd64")]
        [InlineData("linux/amd64", "windows/amd64")]
        [InlineData("linux/arm/v6", "linux/arm/v7")]
        [InlineData("linux/amd64", "linux/amd64/v3")]
        public void A_platform_does_not_match_one_it_cannot_run(string wanted, string candidate)
        {
            Assert.False(new PlatformMatcher(Platform.Parse(wanted)).Matches(Platform.Parse(candidate)));
        }

        [Fact]
        public void A_machine_prefers_its_own_platform_over_older_ones_it_can_run()
        {
            var arm64 = new PlatformMatcher(Platform.Parse("linux/arm64"));
            var amd64v3 = new PlatformMatcher(Platform.Parse("linux/amd64/v3"));

            Assert.True(arm64.Rank(Platform.Parse("linux/arm64")) < arm64.Rank(Platform.Parse("linux/arm/v7")));
            Assert.True(arm64.Rank(Platform.Parse("linux/arm/v7")) < arm64.Rank(Platform.Parse("linux/arm/v6")));
            Assert.True(amd64v3.Rank(Platform.Parse("linux/amd64/v2")) < amd64v3.Rank(Platform.Parse("linux/amd64")));
            Assert.True(amd64v3.Rank(Platform.Parse("linux/amd64")) < amd64v3.Rank(Platform.Parse("linux/386")));
        }

        [Fact]
        public void The_default_selection_is_linux_on_this_process_architecture()
        {
            var current = PlatformSelection.Default.Platforms[0];

            Assert.Equal("linux", current.Os);
            var expected = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "386",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            Assert.Equal(expected, current.Architecture);
            Assert.True(PlatformSelection.Default.IsDefault);
        }
    }
}
