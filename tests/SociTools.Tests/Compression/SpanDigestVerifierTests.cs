using System;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using Xunit;

namespace SociTools.Tests.Compression
{
    public class SpanDigestVerifierTests
    {
        // Three spans over a 400-byte blob: [10,100), [99,250) (its checkpoint has bits, so it shares byte 99), [250,400).
        private static readonly GzipSpanLayout Spans = new GzipSpanLayout(new[]
        {
            new Checkpoint { CompressedOffset = 10, UncompressedOffset = 0 },
            new Checkpoint { CompressedOffset = 100, UncompressedOffset = 500, Bits = 3 },
            new Checkpoint { CompressedOffset = 250, UncompressedOffset = 1000 },
        }, compressedSize: 400, uncompressedSize: 1500);

        private static readonly byte[] Blob = Enumerable.Range(0, 400).Select(i => (byte)(i * 7 + 3)).ToArray();

        [Theory]
        [InlineData(1)]
        [InlineData(37)]
        [InlineData(390)]
        public void Checks_every_span_whole_in_the_range_whatever_the_chunk_sizes(int chunkSize)
        {
            using var verifier = new SpanDigestVerifier(Spans, DigestsOf(Blob), "layer x", 10, 390);

            Feed(verifier, Blob, 10, 400, chunkSize);

            Assert.Equal(3, verifier.SpansVerified);
        }

        [Fact]
        public void Checks_only_the_spans_a_range_holds_whole()
        {
            using var verifier = new SpanDigestVerifier(Spans, DigestsOf(Blob), "layer x", 99, 151);

            Feed(verifier, Blob, 99, 250, 64);

            Assert.Equal(1, verifier.SpansVerified);
        }

        [Fact]
        public void A_changed_byte_fails_with_the_span_and_the_blob_named()
        {
            var served = (byte[])Blob.Clone();
            served[200] ^= 1;
            using var verifier = new SpanDigestVerifier(Spans, DigestsOf(Blob), "layer x", 10, 390);

            var error = Assert.Throws<ContentVerificationException>(() => Feed(verifier, served, 10, 400, 50));

            Assert.StartsWith("Span 1 of layer x has digest", error.Message);
            Assert.Equal(1, verifier.SpansVerified);
        }

        [Fact]
        public void A_ztoc_whose_digest_count_differs_from_its_spans_is_refused()
        {
            var error = Assert.Throws<SociTools.Core.SociFormatException>(() => new SpanDigestVerifier(Spans, DigestsOf(Blob).Take(2).ToList(), "layer x", 10, 390));

            Assert.Contains("2 span digests for 3 spans", error.Message);
        }

        private static IReadOnlyList<Digest> DigestsOf(byte[] blob) =>
            Enumerable.Range(0, Spans.SpanCount)
                .Select(s => Digest.Compute(blob, (int)Spans.StartCompressedOffset(s), (int)(Spans.EndCompressedOffset(s) - Spans.StartCompressedOffset(s))))
                .ToList();

        private static void Feed(SpanDigestVerifier verifier, byte[] blob, int from, int to, int chunkSize)
        {
            for (var offset = from; offset < to; offset += chunkSize)
            {
                var count = Math.Min(chunkSize, to - offset);
                var chunk = new byte[count];
                Array.Copy(blob, offset, chunk, 0, count);
                verifier.Observe(offset, chunk, 0, count);
            }
        }
    }
}
