using System;
using System.IO;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using Xunit;

namespace SociTools.Tests.Oci
{
    public class VerifyingStreamRewindTests
    {
        [Fact]
        public void Content_read_again_from_the_start_is_verified_again()
        {
            var content = new byte[100_000];
            new Random(3).NextBytes(content);
            var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(content), Size = content.Length };
            using var stream = new VerifyingStream(new MemoryStream(content), descriptor);

            stream.ReadExactly(new byte[40_000]);
            Assert.True(stream.CanSeek);
            stream.Position = 0;
            var again = new MemoryStream();
            stream.CopyTo(again);

            Assert.Equal(content, again.ToArray());
        }

        [Fact]
        public void A_rewind_does_not_hide_corruption_after_it()
        {
            var content = new byte[10_000];
            var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(content), Size = content.Length };
            var tampered = (byte[])content.Clone();
            tampered[9_999] = 1;
            using var stream = new VerifyingStream(new MemoryStream(tampered), descriptor);

            stream.ReadExactly(new byte[5_000]);
            stream.Seek(0, SeekOrigin.Begin);

            Assert.Throws<ContentVerificationException>(() => stream.CopyTo(Stream.Null));
            Assert.Throws<NotSupportedException>(() => stream.Seek(10, SeekOrigin.Begin));
        }
    }
}
