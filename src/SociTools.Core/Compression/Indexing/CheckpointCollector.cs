using System;
using System.Collections.Generic;
using System.Threading;
using SociTools.Core.Compression.Deflate;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>
    /// Keeps the boundaries the scanner reports that soci would make checkpoints of (§2.2), and
    /// lets the decoder fill their windows without ever dropping bytes a future window needs.
    /// </summary>
    internal sealed class CheckpointCollector : IBoundaryListener
    {
        private readonly object _gate = new object();
        private readonly List<Checkpoint> _checkpoints = new List<Checkpoint>();
        private readonly long _spanSize;
        private long _lastCheckpointOutput;
        private long _scannedOutput;
        private bool _scanFinished;
        private int _windowsFilled;

        public CheckpointCollector(long spanSize)
        {
            _spanSize = spanSize;
        }

        public void OnBoundary(long compressedOffset, long uncompressedOffset, byte bits)
        {
            // zlib's zran rule: the first boundary, any boundary with no output yet, or strictly more than a span since the last.
            if (uncompressedOffset != 0 && uncompressedOffset - _lastCheckpointOutput <= _spanSize) return;
            _lastCheckpointOutput = uncompressedOffset;
            var checkpoint = new Checkpoint { CompressedOffset = compressedOffset, UncompressedOffset = uncompressedOffset, Bits = bits };
            lock (_gate) _checkpoints.Add(checkpoint);
        }

        public void OnProgress(long uncompressedOffset)
        {
            lock (_gate)
            {
                _scannedOutput = uncompressedOffset;
                Monitor.PulseAll(_gate);
            }
        }

        public void MarkScanFinished()
        {
            lock (_gate)
            {
                _scanFinished = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The checkpoint's compressed position, if the scanner has found that many.</summary>
        public bool TryGetBoundary(int index, out long compressedOffset, out byte bits)
        {
            lock (_gate)
            {
                if (index < _checkpoints.Count)
                {
                    compressedOffset = _checkpoints[index].CompressedOffset;
                    bits = _checkpoints[index].Bits;
                    return true;
                }
            }
            compressedOffset = 0;
            bits = 0;
            return false;
        }

        /// <summary>
        /// Blocks until the scanner has reported every checkpoint at or below <paramref name="scannedOutputNeeded"/>,
        /// then copies the windows of all checkpoints the decoded history now covers.
        /// </summary>
        public void WaitAndFillWindows(long scannedOutputNeeded, DecodedHistory history, CancellationToken cancellation)
        {
            lock (_gate)
            {
                while (!_scanFinished && _scannedOutput < scannedOutputNeeded)
                {
                    Monitor.Wait(_gate, 100);
                    cancellation.ThrowIfCancellationRequested();
                }
                FillWindowsLocked(history);
            }
        }

        public void FillWindows(DecodedHistory history)
        {
            lock (_gate) FillWindowsLocked(history);
        }

        public IReadOnlyList<Checkpoint> ToList()
        {
            lock (_gate) return _checkpoints.ToArray();
        }

        private void FillWindowsLocked(DecodedHistory history)
        {
            while (_windowsFilled < _checkpoints.Count && _checkpoints[_windowsFilled].UncompressedOffset <= history.DecodedLength)
            {
                var checkpoint = _checkpoints[_windowsFilled++];
                history.CopyWindowBefore(checkpoint.UncompressedOffset, checkpoint.Window);
            }
        }
    }
}
