using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Soci;
using Xunit;
using SociTools.Core.IO;

namespace SociTools.Tests.Soci
{
    public class ReadAheadStreamTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(4096)]
        [InlineData(10_000_019)]
        public async Task Gives_the_source_bytes_in_order_whatever_the_read_sizes(int length)
        {
            var content = new byte[length];
            new Random(length).NextBytes(content);
            using var stream = new ReadAheadStream(new MemoryStream(content), 4096, 3);
            var copy = new MemoryStream();
            var buffer = new byte[7919];
            var random = new Random(1);
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, random.Next(1, buffer.Length), CancellationToken.None)) > 0) copy.Write(buffer, 0, read);
            Assert.Equal(content, copy.ToArray());
            Assert.Equal(0, await stream.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None));
        }

        [Fact]
        public async Task A_source_that_fails_verification_fails_the_reader()
        {
            var content = new byte[100_000];
            new Random(3).NextBytes(content);
            var claimed = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(new byte[] { 1 }), Size = content.Length };
            using var stream = new ReadAheadStream(new VerifyingStream(new MemoryStream(content), claimed), 8192, 2);
            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => stream.CopyToAsync(Stream.Null));
            Assert.Contains(claimed.Digest.ToString(), error.Message);
            await Assert.ThrowsAsync<ContentVerificationException>(() => stream.ReadAsync(new byte[10], 0, 10, CancellationToken.None));
        }

        [Fact]
        public async Task Bytes_read_before_a_source_failure_still_reach_the_reader()
        {
            using var stream = new ReadAheadStream(new FailingAfter(5000), 4096, 2);
            var copy = new MemoryStream();
            var error = await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(copy));
            Assert.Equal("disk gone", error.Message);
            Assert.Equal(5000, copy.Length);
        }

        [Fact]
        public void Disposing_before_the_end_stops_the_read_ahead_and_closes_the_source()
        {
            var source = new MemoryStream(new byte[1_000_000]);
            var stream = new ReadAheadStream(source, 1024, 2);
            Assert.Equal(10, stream.Read(new byte[10], 0, 10));
            stream.Dispose();
            Assert.False(source.CanRead);
        }
    
        /// <summary>Gives <c>length</c> bytes, then fails the way a lost disk would.</summary>
        private sealed class FailingAfter : Stream
        {
            private readonly long _length;
            private long _position;

            public FailingAfter(long length) => _length = length;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => _position; set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_position == _length) throw new IOException("disk gone");
                var n = (int)Math.Min(count, _length - _position);
                _position += n;
                return n;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
