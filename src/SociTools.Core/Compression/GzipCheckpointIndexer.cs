using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression.Deflate;
using SociTools.Core.Compression.Indexing;
using SociTools.Core.Oci;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// Indexes a gzip layer in one streaming pass: the native decoder produces the uncompressed bytes
    /// (for the sink and the windows) while a managed scanner on another thread finds soci's checkpoints.
    /// </summary>
    public static class GzipCheckpointIndexer
    {
        private const int ChunkSize = 512 * 1024;
        private const int QueueDepth = 4;
        private const int ScannerBufferSize = 1024 * 1024;
        private const int HistorySize = 4 * 1024 * 1024;
        private const int DecodeStep = 256 * 1024;

        /// <summary>
        /// Reads <paramref name="compressed"/> to its end once. <paramref name="sink"/> gets every uncompressed byte in
        /// order, called from one worker thread. Corrupt or truncated gzip fails with <see cref="SociFormatException"/>.
        /// </summary>
        public static async Task<GzipIndex> IndexAsync(
            Stream compressed, long spanSize, IUncompressedSink? sink, IProgress<long>? compressedBytesRead, CancellationToken ct)
        {
            if (compressed == null) throw new ArgumentNullException(nameof(compressed));
            if (spanSize <= 0) throw new ArgumentOutOfRangeException(nameof(spanSize), spanSize, "The span size must be positive.");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var token = stop.Token;
            var failures = new ConcurrentQueue<(int Rank, Exception Error)>();
            using var toScanner = new BlockingCollection<CompressedChunk>(QueueDepth);
            using var toDecoder = new BlockingCollection<CompressedChunk>(QueueDepth);
            using var toHasher = new BlockingCollection<CompressedChunk>(QueueDepth);
            var collector = new CheckpointCollector(spanSize);
            var memberEnds = new GzipMemberEnds();

            Task<T> Worker<T>(int rank, Func<T> work) => Task.Factory.StartNew(() =>
            {
                try
                {
                    return work();
                }
                catch (Exception error)
                {
                    if (!(error is OperationCanceledException)) failures.Enqueue((rank, error));
                    // A decoder-detected corruption lets the scan finish, so its exact offset can be reported instead.
                    if (!(error is DecoderRejectedDataException)) stop.Cancel();
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var scanSource = new ScannerChunkSource(toScanner, toHasher, token);
            var scanner = new DeflateBoundaryScanner(new DeflateBitInput(scanSource, ScannerBufferSize, 0), collector, memberEnds);
            var scan = Worker(0, () =>
            {
                var source = scanSource;
                try
                {
                    var length = scanner.Scan();
                    source.ForwardAll();
                    return length;
                }
                finally
                {
                    memberEnds.MarkScanFinished();
                    collector.MarkScanFinished();
                    toHasher.CompleteAdding();
                }
            });
            var decode = Worker(1, () => Decode(toDecoder, collector, memberEnds, sink, token));
            var hash = Worker(2, () => new SpanDigestHasher(collector).Run(toHasher, token));

            long compressedSize = 0;
            try
            {
                compressedSize = await ReadChunksAsync(compressed, toScanner, toDecoder, compressedBytesRead, token).ConfigureAwait(false);
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                failures.Enqueue((3, error));
                stop.Cancel();
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                toScanner.CompleteAdding();
                toDecoder.CompleteAdding();
            }

            try
            {
                await Task.WhenAll(scan, decode, hash).ConfigureAwait(false);
            }
            catch
            {
                // The cause is chosen below; the other workers only saw the cancellation it caused.
            }
            ct.ThrowIfCancellationRequested();
            ThrowFirstFailure(failures, scanner.MemberEnds);

            if (decode.Result != scan.Result)
            {
                throw new SociFormatException($"The gzip stream decodes to {decode.Result} bytes, but its deflate blocks describe {scan.Result} bytes.");
            }
            return new GzipIndex(collector.ToList(), hash.Result, compressedSize, scan.Result, spanSize);
        }

        private static async Task<long> ReadChunksAsync(
            Stream compressed, BlockingCollection<CompressedChunk> toScanner, BlockingCollection<CompressedChunk> toDecoder,
            IProgress<long>? progress, CancellationToken token)
        {
            long total = 0;
            while (true)
            {
                // Two holders: the decoder and the span hasher (the scanner passes its reference on to the hasher).
                var chunk = new CompressedChunk(ChunkSize, total, 2);
                while (chunk.Length < ChunkSize)
                {
                    var read = await compressed.ReadAsync(chunk.Data, chunk.Length, ChunkSize - chunk.Length, token).ConfigureAwait(false);
                    if (read == 0) break;
                    chunk.Length += read;
                }
                if (chunk.Length == 0)
                {
                    chunk.Release();
                    chunk.Release();
                    return total;
                }
                total += chunk.Length;
                toScanner.Add(chunk, token);
                toDecoder.Add(chunk, token);
                progress?.Report(total);
                if (chunk.Length < ChunkSize) return total;
            }
        }

        private static long Decode(
            BlockingCollection<CompressedChunk> chunks, CheckpointCollector collector, GzipMemberEnds memberEnds, IUncompressedSink? sink, CancellationToken token)
        {
            var history = new DecodedHistory(HistorySize);
            var input = new ChunkQueueStream(chunks, token);
            try
            {
                // Member by member, so every runtime's GZipStream decodes the same bytes. It reads no compressed byte the scanner
                // has not passed, so it never runs into the next member; the scanner is the slower of the two anyway.
                using var gzip = new MemberwiseGzipStream(input, memberEnds, leaveOpen: true, token);
                while (true)
                {
                    // Overwriting the oldest history is safe once every checkpoint whose window reaches it is known.
                    var step = Math.Min(DecodeStep, history.ContiguousSpace);
                    var oldestKept = history.DecodedLength + step - history.Capacity;
                    collector.WaitAndFillWindows(oldestKept + Checkpoint.WindowSize, history, token);
                    var read = gzip.Read(history.Buffer, history.WriteIndex, step);
                    if (read == 0) break;
                    sink?.Write(new ReadOnlySpan<byte>(history.Buffer, history.WriteIndex, read));
                    history.Advance(read);
                    collector.FillWindows(history);
                }
            }
            catch (InvalidDataException error)
            {
                var failure = new DecoderRejectedDataException(history.DecodedLength, input.Position, error);
                input.Drain();
                throw failure;
            }
            input.Drain();
            collector.WaitAndFillWindows(long.MaxValue, history, token);
            return history.DecodedLength;
        }

        private static void ThrowFirstFailure(ConcurrentQueue<(int Rank, Exception Error)> failures, IReadOnlyList<GzipMemberEnd> scannedMembers)
        {
            Exception? chosen = null;
            var chosenRank = int.MaxValue;
            foreach (var (rank, error) in failures)
            {
                // The scanner's messages name exact offsets, so they win over the decoder's.
                var effectiveRank = error is DecoderRejectedDataException ? 5 : error is SociFormatException ? rank : rank + 10;
                if (effectiveRank < chosenRank)
                {
                    chosen = error;
                    chosenRank = effectiveRank;
                }
            }
            if (chosen == null) return;
            if (chosen is DecoderRejectedDataException rejected) throw rejected.Explain(scannedMembers);
            // Anything else came from the caller's stream or sink, and is theirs to see unchanged.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(chosen).Throw();
        }

        /// <summary>The native decoder's verdict (it alone checks CRC32), reported when the scanner found nothing more precise.</summary>
        private sealed class DecoderRejectedDataException : SociFormatException
        {
            private readonly long _decodedLength;
            private readonly long _compressedPosition;

            public DecoderRejectedDataException(long decodedLength, long compressedPosition, InvalidDataException inner)
                : base($"The gzip decoder rejected the data after {decodedLength} uncompressed bytes.", inner)
            {
                _decodedLength = decodedLength;
                _compressedPosition = compressedPosition;
            }

            /// <summary>
            /// When the scanner walked every member without fault, what the decoder still rejects is a CRC32: that of the first
            /// member not decoded whole (.NET drops the output of the call that fails), or of the last when all were.
            /// </summary>
            public SociFormatException Explain(IReadOnlyList<GzipMemberEnd> scannedMembers)
            {
                var cause = (InvalidDataException)InnerException!;
                if (scannedMembers.Count == 0) return GzipDecodeFailure.Describe("The gzip data", _decodedLength, _compressedPosition, cause);
                var member = scannedMembers[scannedMembers.Count - 1];
                for (var i = scannedMembers.Count - 2; i >= 0 && scannedMembers[i].UncompressedEnd > _decodedLength; i--) member = scannedMembers[i];
                return GzipDecodeFailure.CrcMismatch(member.TrailerOffset, cause);
            }
        }
    }
}
