using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.IO
{
    /// <summary>
    /// A read-only stream that goes back to its start by opening its source again, so an upload that
    /// must start over rereads a layout file instead of keeping a copy of everything it sent.
    /// </summary>
    internal sealed class ReopeningStream : Stream
    {
        private readonly Func<Stream> _open;
        private Stream _current;
        private long _position;

        public ReopeningStream(Func<Stream> open)
        {
            _open = open;
            _current = open();
        }

        public override bool CanRead => true;

        /// <summary>True, but only for going back to the start.</summary>
        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _current.Length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(_current.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await _current.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override long Seek(long offset, SeekOrigin origin)
        {
            if (offset != 0 || origin != SeekOrigin.Begin) throw new NotSupportedException("Only a seek back to the start is supported.");
            if (_position == 0) return 0;
            _current.Dispose();
            _current = _open();
            _position = 0;
            return 0;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _current.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            _position += read;
            return read;
        }
    }
}
