using System;
using System.Diagnostics;
using System.Threading;

namespace SociTools.Bench
{
    /// <summary>Samples the process working set on a timer and keeps the peak above the starting baseline.</summary>
    internal sealed class PeakMemorySampler : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly Timer _timer;
        private readonly long _baseline;
        private long _peak;

        public PeakMemorySampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _baseline = Sample();
            _peak = _baseline;
            _timer = new Timer(_ => Record(), null, 0, 20);
        }

        public long PeakAboveBaseline
        {
            get
            {
                Record();
                return Math.Max(0, Interlocked.Read(ref _peak) - _baseline);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Record()
        {
            var current = Sample();
            long seen;
            while (current > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, current, seen) != seen)
            {
            }
        }

        private long Sample()
        {
            lock (_process)
            {
                _process.Refresh();
                return _process.WorkingSet64;
            }
        }
    }
}
