using System;

namespace SociTools.Core.Finch
{
    /// <summary>The Finch VM did not reach the wanted state in time.</summary>
    public sealed class FinchVmTimeoutException : FinchException
    {
        public FinchVmTimeoutException(FinchVmState wanted, TimeSpan timeout, string lastSeen)
            : base($"The Finch virtual machine was not {wanted} after {timeout}; 'finch vm status' last said: {lastSeen}. " +
                   "Run Get-FinchVM to check it again, or wait longer with -Timeout.")
        {
            Wanted = wanted;
            Timeout = timeout;
        }

        public FinchVmState Wanted { get; }

        public TimeSpan Timeout { get; }
    }
}
