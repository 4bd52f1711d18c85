using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using SociTools.Core.Oci;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>
    /// Computes §2.3's span digests from the compressed chunks in order: span i covers
    /// [in_i - (bits_i ? 1 : 0), in_(i+1)), the last one runs to the end of the stream.
    /// </summary>
    internal sealed class SpanDigestHasher
    {
        private readonly CheckpointCollector _checkpoints;
        private readonly List<Digest> _digests = new List<Digest>();
        private IncrementalHash? _currentSpan;
        private byte _lastByteOfPreviousChunk;

        public SpanDigestHasher(CheckpointCollector checkpoints)
        {
            _checkpoints = checkpoints;
        }

        public IReadOnlyList<Digest> Run(BlockingCollection<CompressedChunk> chunks, CancellationToken cancellation)
        {
            while (chunks.TryTake(out var chunk, Timeout.Infinite, cancellation))
            {
                Hash(chunk);
                if (chunk.Length > 0) _lastByteOfPreviousChunk = chunk.Data[chunk.Length - 1];
                chunk.Release();
            }
            if (_currentSpan != null) FinishSpan();
            return _digests;
        }

        private void Hash(CompressedChunk chunk)
        {
            var position = chunk.Offset;
            var end = chunk.EndOffset;
            while (true)
            {
                if (_currentSpan == null)
                {
                    if (!_checkpoints.TryGetBoundary(0, out var firstIn, out var firstBits)) return;
                    var start = firstIn - (firstBits != 0 ? 1 : 0);
                    if (start >= end) return;
                    _currentSpan = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    if (start > position) position = start;
                }
                if (_checkpoints.TryGetBoundary(_digests.Count + 1, out var nextIn, out var nextBits) && nextIn <= end)
                {
                    Append(chunk, position, nextIn);
                    FinishSpan();
                    _currentSpan = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var nextStart = nextIn - (nextBits != 0 ? 1 : 0);
                    if (nextStart < chunk.Offset)
                    {
                        // The shared byte ended the previous chunk.
                        _currentSpan.AppendData(new[] { _lastByteOfPreviousChunk });
                        nextStart = chunk.Offset;
                    }
                    position = nextStart;
                    continue;
                }
                Append(chunk, position, end);
                return;
            }
        }

        private void Append(CompressedChunk chunk, long from, long to)
        {
            if (to > from) _currentSpan!.AppendData(chunk.Data, (int)(from - chunk.Offset), (int)(to - from));
        }

        private void FinishSpan()
        {
            _digests.Add(Digest.FromSha256Hash(_currentSpan!.GetHashAndReset()));
            _currentSpan.Dispose();
            _currentSpan = null;
        }
    }
}
