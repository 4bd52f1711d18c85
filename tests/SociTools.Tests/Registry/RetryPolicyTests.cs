using System;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    public class RetryPolicyTests
    {
        [Fact]
        public void Backoff_doubles_from_the_base_delay_up_to_the_maximum()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };

            Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayBefore(2, null));
            Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayBefore(3, null));
            Assert.Equal(TimeSpan.FromMilliseconds(400), policy.DelayBefore(4, null));
            Assert.Equal(TimeSpan.FromMilliseconds(500), policy.DelayBefore(5, null));
        }

        [Fact]
        public void Retry_after_beyond_the_maximum_is_capped_so_a_hostile_registry_cannot_stall_the_client()
        {
            var policy = new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(30) };

            Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayBefore(2, TimeSpan.FromSeconds(7)));
            Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBefore(2, TimeSpan.FromDays(3)));
        }
    }
}
