using System;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    /// <summary>How often and how long to wait before repeating a request that met 429, 5xx or a broken connection.</summary>
    public sealed class RetryPolicy
    {
        /// <summary>Total tries of one request, the first included.</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>Wait before the second try; doubled for each later try.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Upper bound of any wait, including one asked for by <c>Retry-After</c>.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Performs a wait; replaceable so tests can observe the waits without spending them.</summary>
        public Func<TimeSpan, CancellationToken, Task> WaitAsync { get; set; } = (delay, token) => Task.Delay(delay, token);

        internal TimeSpan DelayBefore(int nextAttempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue) return retryAfter.Value < MaxDelay ? retryAfter.Value : MaxDelay;
            var factor = Math.Pow(2, Math.Max(0, nextAttempt - 2));
            var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
            return TimeSpan.FromTicks((long)ticks);
        }
    }
}
