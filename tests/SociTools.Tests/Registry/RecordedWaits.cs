using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SociTools.Core.Registry;

namespace SociTools.Tests.Registry
{
    /// <summary>A retry policy whose waits are recorded instead of spent, so fault tests run at full speed and can assert on them.</summary>
    public sealed class RecordedWaits
    {
        private readonly List<TimeSpan> _waits = new List<TimeSpan>();

        public IReadOnlyList<TimeSpan> Waits
        {
            get
            {
                lock (_waits) return _waits.ToArray();
            }
        }

        public RetryPolicy Policy(int maxAttempts, TimeSpan baseDelay) => new RetryPolicy
        {
            MaxAttempts = maxAttempts,
            BaseDelay = baseDelay,
            MaxDelay = TimeSpan.FromSeconds(30),
            WaitAsync = (delay, _) =>
            {
                lock (_waits) _waits.Add(delay);
                return Task.CompletedTask;
            },
        };
    }
}
