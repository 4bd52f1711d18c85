using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;

namespace SociTools.Bench
{
    /// <summary>
    /// A gzip tar layer holding one file of N GiB of zeros: about 1 MB of gzip per GiB, the most compressible layer
    /// there is, so that the memory a zTOC build needs per uncompressed GiB shows without reading much.
    /// </summary>
    internal static class ZerosLayer
    {
        public static string Ensure(double sizeGib)
        {
            var path = Path.Combine(Path.GetTempPath(), $"socitools-bench-zeros-{sizeGib:0.##}gib.tar.gz");
            if (File.Exists(path)) return path;
            var size = (long)(sizeGib * 1024 * 1024 * 1024);
            using (var file = File.Create(path + ".partial"))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new Zeros(size) });
            }
            File.Move(path + ".partial", path);
            return path;
        }

        /// <summary>A read-only stream of <c>length</c> zero bytes.</summary>
        private sealed class Zeros : Stream
        {
            private readonly long _length;
            private long _position;

            public Zeros(long length) => _length = length;

            public override bool CanRead => true;
            public override bool CanSeek => true;
            public override bool CanWrite => false;
            public override long Length => _length;
            public override long Position { get => _position; set => _position = value; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var take = (int)Math.Min(count, _length - _position);
                Array.Clear(buffer, offset, take);
                _position += take;
                return take;
            }

            public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _length + offset,
            };

            public override void Flush() { }
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
