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
    internal sealed class ReplayableStream : Stream
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

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        // Uploads read asynchronously only; a blocking path would be a second copy of the logic below.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the upload content with ReadAsync.");

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_source.CanSeek)
            {
                var read = await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                _position += read;
                return read;
            }
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

        private FileStream Spool()
        {
            if (_spool != null) return _spool;
            var path = Path.Combine(Path.GetTempPath(), "socitools-upload-" + Guid.NewGuid().ToString("N") + ".tmp");
            _spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return _spool;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            // The source belongs to the caller; only the spool is ours.
            if (disposing) _spool?.Dispose();
            base.Dispose(disposing);
        }
    }
}
