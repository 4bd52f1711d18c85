using System.Collections.Generic;
using System.IO;
using System.Threading;
using SociTools.Core.Compression.Deflate;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// Where each member of a gzip stream ends, as the boundary scanner finds them: filled while a scan runs on
    /// another thread (callers wait for what it has not reached yet), or all at once by <see cref="Scan"/>.
    /// </summary>
    internal sealed class GzipMemberEnds : IGzipMemberListener
    {
        private const int ScanBufferSize = 256 * 1024;
        private readonly object _gate = new object();
        private readonly List<long> _ends = new List<long>();
        private long _scannedTo;
        private bool _scanFinished;

        /// <summary>Scans a whole gzip stream for its member ends; corrupt or truncated gzip fails with <see cref="SociFormatException"/>.</summary>
        public static GzipMemberEnds Scan(Stream compressed)
        {
            var ends = new GzipMemberEnds();
            try
            {
                new DeflateBoundaryScanner(new DeflateBitInput(new StreamSource(compressed), ScanBufferSize, 0), NoBoundaries.Instance, ends).Scan();
            }
            finally
            {
                ends.MarkScanFinished();
            }
            return ends;
        }

        public void OnScannedTo(long compressedOffset)
        {
            lock (_gate)
            {
                _scannedTo = compressedOffset;
                Monitor.PulseAll(_gate);
            }
        }

        public void OnMemberEnd(long compressedOffset)
        {
            lock (_gate)
            {
                _ends.Add(compressedOffset);
                _scannedTo = compressedOffset;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Ends the waits: after a failed scan, readers go on to the end of the input and the scan's error is reported.</summary>
        public void MarkScanFinished()
        {
            lock (_gate)
            {
                _scanFinished = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>
        /// How far a reader of member <paramref name="member"/> at <paramref name="position"/> may read without passing the
        /// member's end: the end itself once known, else as far as the scan has looked. Waits while that is no further.
        /// </summary>
        public long ReadableLimit(int member, long position, CancellationToken cancellation)
        {
            lock (_gate)
            {
                while (true)
                {
                    if (member < _ends.Count) return _ends[member];
                    if (_scanFinished) return long.MaxValue;
                    if (_scannedTo > position) return _scannedTo;
                    Wait(cancellation);
                }
            }
        }

        /// <summary>True when another member follows member <paramref name="member"/>; waits until the scan knows.</summary>
        public bool HasMemberAfter(int member, CancellationToken cancellation)
        {
            lock (_gate)
            {
                while (true)
                {
                    // The scan reports progress past a member's end only once it has read the next member's header.
                    if (member < _ends.Count && _scannedTo > _ends[member]) return true;
                    if (_scanFinished) return false;
                    Wait(cancellation);
                }
            }
        }

        private void Wait(CancellationToken cancellation)
        {
            // Polled so a cancelled index stops even when the scanner that would pulse has already gone.
            Monitor.Wait(_gate, 100);
            cancellation.ThrowIfCancellationRequested();
        }

        private sealed class NoBoundaries : IBoundaryListener
        {
            public static readonly NoBoundaries Instance = new NoBoundaries();

            public void OnBoundary(long compressedOffset, long uncompressedOffset, byte bits)
            {
            }

            public void OnProgress(long uncompressedOffset)
            {
            }
        }
    }
}
