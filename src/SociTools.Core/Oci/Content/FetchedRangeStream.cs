using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Oci.Content
{
    /// <summary>
    /// A byte range of a remote blob read as a stream: fetched in chunks of at most <see cref="MaxChunkSize"/>
    /// bytes only as far as it is read, counting the bytes fetched, so a large range never sits in memory whole.
    /// </summary>
    public sealed class FetchedRangeStream : Stream
    {
        /// <summary>Large enough that a file spanning a few spans takes one request, small enough to bound memory.</summary>
        public const int MaxChunkSize = 8 * 1024 * 1024;

        private readonly Func<long, int, CancellationToken, Task<byte[]>> _fetch;
        private readonly long _end;
        private readonly CancellationToken _cancellationToken;
        private long _nextFetch;
        private byte[] _chunk = Array.Empty<byte>();
        private int _chunkPosition;
        private long _position;

        private FetchedRangeStream(
            Func<long, int, CancellationToken, Task<byte[]>> fetch, long offset, long length, CancellationToken cancellationToken)
        {
            _fetch = fetch;
            _nextFetch = offset;
            _end = offset + length;
            _cancellationToken = cancellationToken;
            Length = length;
        }

        /// <summary>Bytes fetched so far, whether or not they were read.</summary>
        public long BytesFetched { get; private set; }

        /// <summary>Opens the range [offset, offset+length), fetching its first chunk.</summary>
        /// <param name="fetch">Fetches exactly <c>length</c> bytes from <c>offset</c> of the blob.</param>
        public static async Task<FetchedRangeStream> OpenAsync(
            Func<long, int, CancellationToken, Task<byte[]>> fetch, long offset, long length, CancellationToken cancellationToken)
        {
            if (fetch == null) throw new ArgumentNullException(nameof(fetch));
            if (offset < 0 || length < 0) throw new ArgumentOutOfRangeException(nameof(length), "A blob range needs offset >= 0 and length >= 0.");
            var stream = new FetchedRangeStream(fetch, offset, length, cancellationToken);
            await stream.FetchNextAsync(cancellationToken).ConfigureAwait(false);
            return stream;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length { get; }
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_chunkPosition == _chunk.Length && _nextFetch < _end)
            {
                // The span decoder reads synchronously on a worker thread; only ranges beyond the first chunk block here.
                FetchNextAsync(_cancellationToken).GetAwaiter().GetResult();
            }
            return CopyOut(buffer, offset, count);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_chunkPosition == _chunk.Length && _nextFetch < _end)
            {
                await FetchNextAsync(cancellationToken).ConfigureAwait(false);
            }
            return CopyOut(buffer, offset, count);
        }

        private int CopyOut(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _chunk.Length - _chunkPosition);
            if (n <= 0) return 0;
            Buffer.BlockCopy(_chunk, _chunkPosition, buffer, offset, n);
            _chunkPosition += n;
            _position += n;
            return n;
        }

        private async Task FetchNextAsync(CancellationToken cancellationToken)
        {
            var length = (int)Math.Min(MaxChunkSize, _end - _nextFetch);
            if (length == 0) return;
            var chunk = await _fetch(_nextFetch, length, cancellationToken).ConfigureAwait(false);
            if (chunk.Length != length)
            {
                throw new ContentVerificationException($"Asked for {length} bytes at offset {_nextFetch} of a blob, got {chunk.Length}.");
            }
            _chunk = chunk;
            _chunkPosition = 0;
            _nextFetch += length;
            BytesFetched += length;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
