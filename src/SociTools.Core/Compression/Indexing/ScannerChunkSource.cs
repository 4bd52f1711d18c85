using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using SociTools.Core.Compression.Deflate;

namespace SociTools.Core.Compression.Indexing
{
    /// <summary>
    /// Feeds queued chunks to the boundary scanner and passes each chunk on to the span hasher once
    /// the scanner is far enough past it that every checkpoint inside it is known.
    /// </summary>
    internal sealed class ScannerChunkSource : ICompressedSource
    {
        // The scanner's bit buffer may hold up to 8 bytes loaded before its true position.
        private const int BitBufferLookahead = 8;

        private readonly BlockingCollection<CompressedChunk> _input;
        private readonly BlockingCollection<CompressedChunk> _toHasher;
        private readonly CancellationToken _cancellation;
        private readonly Queue<CompressedChunk> _awaitingHasher = new Queue<CompressedChunk>();
        private CompressedChunk? _current;
        private int _currentPosition;

        public ScannerChunkSource(BlockingCollection<CompressedChunk> input, BlockingCollection<CompressedChunk> toHasher, CancellationToken cancellation)
        {
            _input = input;
            _toHasher = toHasher;
            _cancellation = cancellation;
        }

        public int Read(byte[] buffer, int offset, int count, long consumedUpTo)
        {
            ForwardChunksEndingBefore(consumedUpTo - BitBufferLookahead);
            while (_current == null || _currentPosition == _current.Length)
            {
                if (!_input.TryTake(out var next, Timeout.Infinite, _cancellation)) return 0;
                _current = next;
                _currentPosition = 0;
                _awaitingHasher.Enqueue(next);
            }
            var step = Math.Min(count, _current.Length - _currentPosition);
            Buffer.BlockCopy(_current.Data, _currentPosition, buffer, offset, step);
            _currentPosition += step;
            return step;
        }

        /// <summary>Hands every remaining chunk to the hasher once the scan has finished.</summary>
        public void ForwardAll()
        {
            while (_input.TryTake(out var next, Timeout.Infinite, _cancellation)) _awaitingHasher.Enqueue(next);
            ForwardChunksEndingBefore(long.MaxValue);
        }

        private void ForwardChunksEndingBefore(long offset)
        {
            while (_awaitingHasher.Count > 0 && _awaitingHasher.Peek().EndOffset <= offset)
            {
                _toHasher.Add(_awaitingHasher.Dequeue(), _cancellation);
            }
        }
    }
}
