using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// Reads a stream once and lets an upload read it again from the start: a registry that lost an upload
    /// session needs the bytes it had already taken. Seekable sources are rewound; others are copied to a
    /// temporary file as they are read, deleted on dispose.
    /// </summary>
    internal sealed class ReplayableStream : IDisposable
    {
        private readonly Stream _source;
        private readonly long _sourceStart;
        private FileStream? _spool;
        private long _position;
        private long _consumed;

        public ReplayableStream(Stream source)
        {
            _source = source;
            _sourceStart = source.CanSeek ? source.Position : 0;
        }

        /// <summary>Starts reading again from the first byte.</summary>
        public void Rewind()
        {
            if (_source.CanSeek) _source.Position = _sourceStart;
            _position = 0;
        }

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_source.CanSeek) return await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (_position < _consumed)
            {
                var spool = _spool!;
                spool.Position = _position;
                var wanted = (int)Math.Min(count, _consumed - _position);
                var replayed = await spool.ReadAsync(buffer, offset, wanted, cancellationToken).ConfigureAwait(false);
                _position += replayed;
                return replayed;
            }
            var n = await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (n == 0) return 0;
            var copy = Spool();
            copy.Position = _consumed;
            await copy.WriteAsync(buffer, offset, n, cancellationToken).ConfigureAwait(false);
            _consumed += n;
            _position += n;
            return n;
        }

        /// <summary>Reads until the buffer is full or the content ends; returns how many bytes came.</summary>
        public async Task<int> FillAsync(byte[] buffer, CancellationToken cancellationToken)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var n = await ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }
            return filled;
        }

        private FileStream Spool()
        {
            if (_spool != null) return _spool;
            var path = Path.Combine(Path.GetTempPath(), "socitools-upload-" + Guid.NewGuid().ToString("N") + ".tmp");
            _spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return _spool;
        }

        public void Dispose() => _spool?.Dispose();
    }
}
