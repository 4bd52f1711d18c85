using System.IO;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Reads compressed bytes from a stream, counting them.</summary>
    internal sealed class StreamSource : ICompressedSource
    {
        private readonly Stream _stream;

        public StreamSource(Stream stream)
        {
            _stream = stream;
        }

        public long BytesRead { get; private set; }

        public int Read(byte[] buffer, int offset, int count, long consumedUpTo)
        {
            var read = _stream.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
