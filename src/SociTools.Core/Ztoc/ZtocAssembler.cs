using System;
using System.Collections.Generic;
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
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            if (spanDigests == null) throw new ArgumentNullException(nameof(spanDigests));
            if (checkpointsBlob == null) throw new ArgumentNullException(nameof(checkpointsBlob));
            if (algorithm == CompressionAlgorithm.Zstd) throw new SociFormatException(CompressionAlgorithms.ZstdSkipReason);
            if (spanDigests.Count != maxSpanId + 1)
            {
                throw new ArgumentException($"There are {spanDigests.Count} span digests for max span id {maxSpanId}; soci needs exactly one per span.", nameof(spanDigests));
            }

            var files = new FileMetadata[entries.Count];
            for (var i = 0; i < files.Length; i++) files[i] = ToFileMetadata(entries[i]);
            var ztoc = new ZtocDocument
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
                    Checkpoints = checkpointsBlob,
                },
            };
            return ZtocBlob.From(ztoc);
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
