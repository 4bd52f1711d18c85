using System;
using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>What <c>soci ztoc info</c> shows about a zTOC: its header fields, spans and where each file lies.</summary>
    public sealed class ZtocInfo
    {
        private ZtocInfo(ZtocDocument ztoc, IReadOnlyList<ZtocFileInfo> files, long? size, long? spanSize)
        {
            Version = ztoc.Version;
            BuildTool = ztoc.BuildToolIdentifier;
            Size = size;
            SpanSize = spanSize;
            CompressedArchiveSize = ztoc.CompressedArchiveSize;
            UncompressedArchiveSize = ztoc.UncompressedArchiveSize;
            Compression = ztoc.CompressionInfo.Algorithm.ToSociName();
            MaxSpanId = ztoc.CompressionInfo.MaxSpanId;
            SpanDigests = ztoc.CompressionInfo.SpanDigests;
            Files = files;
            var multiSpan = 0;
            foreach (var file in files)
            {
                if (file.StartSpan != file.EndSpan) multiSpan++;
            }
            MultiSpanFileCount = multiSpan;
        }

        public string Version { get; }

        public string BuildTool { get; }

        /// <summary>The zTOC blob size, when known.</summary>
        public long? Size { get; }

        /// <summary>The span size recorded in the zinfo, when known.</summary>
        public long? SpanSize { get; }

        public long CompressedArchiveSize { get; }

        public long UncompressedArchiveSize { get; }

        /// <summary><c>gzip</c> or <c>uncompressed</c>.</summary>
        public string Compression { get; }

        public int MaxSpanId { get; }

        public int SpanCount => MaxSpanId + 1;

        public IReadOnlyList<Digest> SpanDigests { get; }

        public int FileCount => Files.Count;

        /// <summary>Files whose first and last byte lie in different spans (soci's <c>num_multi_span_files</c>).</summary>
        public int MultiSpanFileCount { get; }

        public IReadOnlyList<ZtocFileInfo> Files { get; }

        /// <summary>
        /// Describes <paramref name="ztoc"/>; <paramref name="spanStartOffsets"/> holds each span's first uncompressed
        /// offset (the checkpoints' <c>out</c> values, or <see cref="TarZinfo.SpanStartOffsets"/>).
        /// </summary>
        public static ZtocInfo Create(ZtocDocument ztoc, IReadOnlyList<long> spanStartOffsets, long? blobSize = null, long? spanSize = null)
        {
            if (ztoc == null) throw new ArgumentNullException(nameof(ztoc));
            if (spanStartOffsets == null) throw new ArgumentNullException(nameof(spanStartOffsets));
            var files = new List<ZtocFileInfo>(ztoc.Files.Count);
            foreach (var file in ztoc.Files)
            {
                var end = file.UncompressedSize > long.MaxValue - file.UncompressedOffset ? long.MaxValue : file.UncompressedOffset + file.UncompressedSize;
                files.Add(new ZtocFileInfo(file, end, SpanOf(spanStartOffsets, file.UncompressedOffset), SpanOf(spanStartOffsets, end)));
            }
            return new ZtocInfo(ztoc, files, blobSize, spanSize);
        }

        /// <summary>Describes a zTOC of an uncompressed tar layer, taking the spans from its tar zinfo.</summary>
        public static ZtocInfo CreateForTarLayer(ZtocBlob blob)
        {
            var zinfo = TarZinfo.Parse(blob.Ztoc.CompressionInfo.Checkpoints);
            return Create(blob.Ztoc, zinfo.SpanStartOffsets(), blob.Size, zinfo.SpanSize);
        }

        /// <summary>The span holding an uncompressed offset: the last span starting at or before it, never below 0.</summary>
        public static int SpanOf(IReadOnlyList<long> spanStartOffsets, long offset)
        {
            var span = 0;
            for (var i = 1; i < spanStartOffsets.Count && spanStartOffsets[i] <= offset; i++) span = i;
            return span;
        }
    }
}
