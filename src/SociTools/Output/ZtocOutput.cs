using System;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc;
using SociTools.Core.Soci.Locating;

namespace SociTools
{
    /// <summary>Maps a located zTOC to what Get-SociZtoc emits.</summary>
    internal static class ZtocOutput
    {
        /// <param name="layoutPath">The layout folder the zTOC was read from; every file entry carries it with its layer.</param>
        public static SociZtocInfo Info(LocatedZtoc located, string layoutPath)
        {
            var ztoc = located.Ztoc;
            var layerDigest = located.Reference.LayerDigest.ToString();
            var info = ZtocInfo.Create(ztoc, ZtocSpans.StartOffsets(ztoc), located.Reference.Ztoc.Size, located.Reference.SpanSize);
            var files = ztoc.Files.Zip(info.Files, (metadata, file) => new SociZtocFile
            {
                Name = file.Name.ToString(),
                Type = file.Type,
                Offset = file.Offset,
                EndOffset = file.EndOffset,
                Size = file.Size,
                Linkname = file.Linkname.ToString(),
                Mode = "0" + Convert.ToString(file.Mode & 0xFFF, 8),
                Uid = file.Uid,
                Gid = file.Gid,
                Uname = metadata.Uname.ToString(),
                Gname = metadata.Gname.ToString(),
                ModTime = file.ModTime.ToDateTimeOffset(),
                StartSpan = file.StartSpan,
                EndSpan = file.EndSpan,
                LayerDigest = layerDigest,
                LayoutPath = layoutPath,
            }).ToList();
            return new SociZtocInfo
            {
                Digest = located.Reference.Ztoc.Digest.ToString(),
                Size = located.Reference.Ztoc.Size,
                LayerDigest = layerDigest,
                IndexDigest = located.Index.Descriptor.Digest.ToString(),
                Version = info.Version,
                BuildTool = info.BuildTool,
                Compression = info.Compression,
                SpanSize = info.SpanSize,
                CompressedArchiveSize = info.CompressedArchiveSize,
                UncompressedArchiveSize = info.UncompressedArchiveSize,
                MaxSpanId = info.MaxSpanId,
                SpanCount = info.SpanCount,
                SpanDigests = info.SpanDigests.Select(d => d.ToString()).ToList(),
                FileCount = files.Count,
                Files = files,
                LayoutPath = layoutPath,
            };
        }
    }
}
