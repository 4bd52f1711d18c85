using System;
using System.Collections.Generic;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>Puts a layer's TOC entries and compression info together into a serialized zTOC, converting entries as soci does.</summary>
    public static class ZtocAssembler
    {
        public static ZtocBlob Assemble(
            IReadOnlyList<TocEntry> entries,
            long compressedArchiveSize,
            long uncompressedArchiveSize,
            CompressionAlgorithm algorithm,
            int maxSpanId,
            IReadOnlyList<Digest> spanDigests,
            byte[] checkpointsBlob,
            string buildToolIdentifier)
        {
            if (checkpointsBlob == null) throw new ArgumentNullException(nameof(checkpointsBlob));
            var ztoc = Document(entries, compressedArchiveSize, uncompressedArchiveSize, algorithm, maxSpanId, spanDigests, buildToolIdentifier);
            ztoc.CompressionInfo.Checkpoints = checkpointsBlob;
            return ZtocBlob.From(ztoc);
        }

        /// <summary>
        /// As <see cref="Assemble"/> for a gzip layer, with the checkpoints written straight from their windows into the
        /// zTOC's bytes: the only copy of the blob is inside <see cref="ZtocBlob.Bytes"/>, so the returned document's
        /// <see cref="CompressionInfo.Checkpoints"/> is empty (read the bytes back for it).
        /// </summary>
        public static ZtocBlob AssembleGzip(
            IReadOnlyList<TocEntry> entries,
            long compressedArchiveSize,
            long uncompressedArchiveSize,
            GzipZinfo checkpoints,
            IReadOnlyList<Digest> spanDigests,
            string buildToolIdentifier)
        {
            if (checkpoints == null) throw new ArgumentNullException(nameof(checkpoints));
            var ztoc = Document(entries, compressedArchiveSize, uncompressedArchiveSize, CompressionAlgorithm.Gzip, checkpoints.MaxSpanId, spanDigests, buildToolIdentifier);
            return new ZtocBlob(ztoc, ZtocWriter.Write(ztoc, checkpoints.ByteCount, checkpoints.WriteTo));
        }

        private static ZtocDocument Document(
            IReadOnlyList<TocEntry> entries,
            long compressedArchiveSize,
            long uncompressedArchiveSize,
            CompressionAlgorithm algorithm,
            int maxSpanId,
            IReadOnlyList<Digest> spanDigests,
            string buildToolIdentifier)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            if (spanDigests == null) throw new ArgumentNullException(nameof(spanDigests));
            if (algorithm == CompressionAlgorithm.Zstd) throw new SociFormatException(CompressionAlgorithms.ZstdSkipReason);
            if (spanDigests.Count != maxSpanId + 1)
            {
                throw new ArgumentException($"There are {spanDigests.Count} span digests for max span id {maxSpanId}; soci needs exactly one per span.", nameof(spanDigests));
            }

            var files = new FileMetadata[entries.Count];
            for (var i = 0; i < files.Length; i++) files[i] = ToFileMetadata(entries[i]);
            return new ZtocDocument
            {
                Version = ZtocDocument.Version09,
                BuildToolIdentifier = buildToolIdentifier ?? throw new ArgumentNullException(nameof(buildToolIdentifier)),
                CompressedArchiveSize = compressedArchiveSize,
                UncompressedArchiveSize = uncompressedArchiveSize,
                Files = files,
                CompressionInfo = new CompressionInfo
                {
                    Algorithm = algorithm,
                    MaxSpanId = maxSpanId,
                    SpanDigests = spanDigests,
                },
            };
        }

        /// <summary>soci's conversion of a tar header: uid and gid are truncated to 32 bits as Go's <c>uint32(int)</c> does.</summary>
        public static FileMetadata ToFileMetadata(TocEntry entry) => new FileMetadata
        {
            Name = entry.Name,
            Type = entry.Type.ToZtocType(),
            UncompressedOffset = entry.DataOffset,
            UncompressedSize = entry.Size,
            Linkname = entry.Linkname,
            Mode = entry.Mode,
            Uid = unchecked((uint)entry.Uid),
            Gid = unchecked((uint)entry.Gid),
            Uname = entry.Uname,
            Gname = entry.Gname,
            ModTime = entry.ModTime,
            DevMajor = entry.DevMajor,
            DevMinor = entry.DevMinor,
            PaxRecords = entry.PaxRecords,
        };
    }
}
