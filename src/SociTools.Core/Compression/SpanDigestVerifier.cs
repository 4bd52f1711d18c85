using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;

namespace SociTools.Core.Compression
{
    /// <summary>
    /// Checks the stored bytes of every span that a range of a layer holds whole against the span's digest in the zTOC,
    /// as the snapshotter does (§2.3): neither a range response nor a slice of a local blob carries a digest of its own.
    /// </summary>
    public sealed class SpanDigestVerifier : IDisposable
    {
        private readonly IStoredSpans _spans;
        private readonly IReadOnlyList<Digest> _digests;
        private readonly string _blobName;
        private readonly int _last;
        private readonly Dictionary<int, IncrementalHash> _hashes = new Dictionary<int, IncrementalHash>();
        private int _next;
        private long _expectedOffset;

        /// <param name="rangeOffset">Where the range read starts in the stored blob.</param>
        /// <param name="rangeLength">How long the range is; spans that do not fit in it whole are not checked.</param>
        public SpanDigestVerifier(IStoredSpans spans, IReadOnlyList<Digest> digests, string blobName, long rangeOffset, long rangeLength)
        {
            _spans = spans ?? throw new ArgumentNullException(nameof(spans));
            _digests = digests ?? throw new ArgumentNullException(nameof(digests));
            if (digests.Count != spans.SpanCount)
            {
                throw new SociFormatException($"The zTOC of {blobName} has {digests.Count} span digests for {spans.SpanCount} spans.");
            }
            _blobName = blobName;
            _expectedOffset = rangeOffset;
            _next = 0;
            while (_next < spans.SpanCount && spans.StartCompressedOffset(_next) < rangeOffset) _next++;
            _last = _next - 1;
            while (_last + 1 < spans.SpanCount && spans.EndCompressedOffset(_last + 1) <= rangeOffset + rangeLength) _last++;
        }

        /// <summary>How many spans have been checked so far.</summary>
        public int SpansVerified { get; private set; }

        /// <summary>
        /// Takes the next bytes of the range, <paramref name="count"/> from <paramref name="index"/> of <paramref name="buffer"/>, in
        /// order; throws when a completed span does not match its digest.
        /// </summary>
        public void Observe(long offset, byte[] buffer, int index, int count)
        {
            if (offset != _expectedOffset) throw new InvalidOperationException($"Bytes at {offset} were observed where {_expectedOffset} was expected.");
            _expectedOffset += count;
            var chunkEnd = offset + count;
            for (var span = _next; span <= _last && _spans.StartCompressedOffset(span) < chunkEnd; span++)
            {
                var start = Math.Max(offset, _spans.StartCompressedOffset(span));
                var end = Math.Min(chunkEnd, _spans.EndCompressedOffset(span));
                if (end > start) HashOf(span).AppendData(buffer, index + (int)(start - offset), (int)(end - start));
                if (end == _spans.EndCompressedOffset(span)) Verify(span);
            }
        }

        /// <summary>Throws when the range ended before every span it holds whole was checked.</summary>
        public void EnsureComplete()
        {
            if (_next <= _last)
            {
                throw new ContentVerificationException(
                    $"The bytes of {_blobName} ended at offset {_expectedOffset}, before the end of span {_next} at {_spans.EndCompressedOffset(_next)}, so that span could not be checked.");
            }
        }

        private IncrementalHash HashOf(int span)
        {
            if (!_hashes.TryGetValue(span, out var hash))
            {
                hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                _hashes.Add(span, hash);
            }
            return hash;
        }

        private void Verify(int span)
        {
            var hash = HashOf(span);
            var actual = Digest.FromSha256Hash(hash.GetHashAndReset());
            hash.Dispose();
            _hashes.Remove(span);
            _next = span + 1;
            if (actual != _digests[span])
            {
                throw new ContentVerificationException(
                    $"Span {span} of {_blobName} has digest {actual}, but its zTOC records {_digests[span]}: the layer holds other bytes than the SOCI index was built from.");
            }
            SpansVerified++;
        }

        public void Dispose()
        {
            foreach (var hash in _hashes.Values) hash.Dispose();
            _hashes.Clear();
        }
    }
}
