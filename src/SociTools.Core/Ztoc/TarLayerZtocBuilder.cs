using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>Builds the zTOC of an uncompressed tar layer in one read: TOC, fixed-size span digests and the tar zinfo.</summary>
    public static class TarLayerZtocBuilder
    {
        private const int ChunkSize = 1 << 20;

        public static async Task<ZtocBlob> BuildAsync(Stream tar, long spanSize, string buildTool, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (tar == null) throw new ArgumentNullException(nameof(tar));
            if (buildTool == null) throw new ArgumentNullException(nameof(buildTool));
            if (spanSize <= 0) throw new ArgumentOutOfRangeException(nameof(spanSize), spanSize, "The span size must be positive.");

            var toc = new TarTocBuilder();
            var digests = new SpanDigester(spanSize);
            var buffer = new byte[ChunkSize];
            long size = 0;
            while (true)
            {
                var read = await tar.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                toc.Write(buffer.AsSpan(0, read));
                digests.Write(buffer, read);
                size += read;
                progress?.Report(size);
            }
            var result = toc.Complete();
            var zinfo = new TarZinfo(spanSize, size);
            var spanDigests = digests.Complete();
            return ZtocAssembler.Assemble(result.Entries, size, result.UncompressedArchiveSize, CompressionAlgorithm.Uncompressed,
                zinfo.MaxSpanId, spanDigests, zinfo.ToBytes(), buildTool);
        }

        /// <summary>SHA-256 of each fixed-size span, computed as the bytes stream past.</summary>
        private sealed class SpanDigester
        {
            private readonly long _spanSize;
            private readonly System.Collections.Generic.List<Digest> _digests = new System.Collections.Generic.List<Digest>();
            private SHA256 _hash = SHA256.Create();
            private long _inSpan;

            public SpanDigester(long spanSize) => _spanSize = spanSize;

            public void Write(byte[] buffer, int count)
            {
                var offset = 0;
                while (offset < count)
                {
                    var take = (int)Math.Min(count - offset, _spanSize - _inSpan);
                    _hash.TransformBlock(buffer, offset, take, null, 0);
                    _inSpan += take;
                    offset += take;
                    if (_inSpan == _spanSize) FinishSpan();
                }
            }

            public Digest[] Complete()
            {
                if (_inSpan > 0) FinishSpan();
                _hash.Dispose();
                return _digests.ToArray();
            }

            private void FinishSpan()
            {
                _hash.TransformFinalBlock(new byte[0], 0, 0);
                _digests.Add(Digest.FromSha256Hash(_hash.Hash));
                _hash.Dispose();
                _hash = SHA256.Create();
                _inSpan = 0;
            }
        }
    }
}
