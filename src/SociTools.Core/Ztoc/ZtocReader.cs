using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Tar;

namespace SociTools.Core.Ztoc
{
    /// <summary>Reads a zTOC as soci's <c>flatbufToZtoc</c> does, with every offset bounds-checked.</summary>
    public static class ZtocReader
    {
        private const long TarBlockSize = 512;

        /// <summary>
        /// The largest zTOC read: the largest byte array .NET allocates, about the 2 GiB a FlatBuffer can address. zTOCs pass the
        /// 32 MiB limit of other documents (250,000 small files make 43 MB, a 10 GiB layer's 32 KiB windows 80 MiB), and memory grows
        /// only with the bytes that arrive, not with the size a descriptor declares.
        /// </summary>
        public const long MaxSize = 0x7FFFFFC7;

        /// <summary>Reads and parses the zTOC <paramref name="descriptor"/> names, its digest checked.</summary>
        public static async Task<ZtocDocument> ReadAsync(IContentReader content, Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            return Read(await content.ReadAllBytesAsync(descriptor, MaxSize, cancellationToken).ConfigureAwait(false));
        }

        public static ZtocDocument Read(byte[] bytes)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            try
            {
                return ReadChecked(bytes);
            }
            catch (Exception e) when (e is ArgumentException || e is IndexOutOfRangeException || e is OverflowException || e is InvalidOperationException)
            {
                // The view bounds-checks every read; this only guards against a case it missed.
                throw new SociFormatException($"The zTOC is malformed: {e.Message}", e);
            }
        }

        private static ZtocDocument ReadChecked(byte[] bytes)
        {
            if (bytes.Length < 8) throw new SociFormatException($"The zTOC is {bytes.Length} bytes, too short to be a FlatBuffer.");
            var view = new FlatBufferView(bytes, "zTOC");
            var root = view.RootTable();
            var toc = view.Table(root, 4, "toc");
            var compressionInfo = view.Table(root, 5, "compression_info");
            if (toc < 0) throw new SociFormatException("The zTOC has no TOC table.");
            if (compressionInfo < 0) throw new SociFormatException("The zTOC has no compression_info table.");

            var uncompressedSize = view.Int64(root, 3, "uncompressed_archive_size");
            if (uncompressedSize < 0) throw new SociFormatException($"The zTOC gives its layer a negative uncompressed size ({uncompressedSize}).");
            var files = ReadFiles(view, toc, uncompressedSize);
            return new ZtocDocument
            {
                Version = Text(view.Bytes(root, 0, "version")),
                BuildToolIdentifier = Text(view.Bytes(root, 1, "build_tool_identifier")),
                CompressedArchiveSize = view.Int64(root, 2, "compressed_archive_size"),
                UncompressedArchiveSize = uncompressedSize,
                Files = files,
                CompressionInfo = ReadCompressionInfo(view, compressionInfo),
            };
        }

        private static IReadOnlyList<FileMetadata> ReadFiles(FlatBufferView view, int toc, long uncompressedSize)
        {
            var count = view.Vector(toc, 0, "metadata", 4, out var first);
            var files = new List<FileMetadata>(count);
            for (var i = 0; i < count; i++)
            {
                var file = ReadFile(view, view.Follow(first + 4 * i, "metadata"));
                if (file.UncompressedOffset < 0 || file.UncompressedSize < 0 || file.UncompressedSize > uncompressedSize - file.UncompressedOffset)
                {
                    throw new SociFormatException(
                        $"The zTOC places '{file.Name}' at [{file.UncompressedOffset}, +{file.UncompressedSize}), outside the layer's {uncompressedSize} uncompressed bytes.");
                }
                files.Add(file);
            }
            var sorted = files.OrderBy(f => f.UncompressedOffset).ToList();
            long expectedHeader = 0;
            for (var i = 0; i < sorted.Count; i++)
            {
                var file = sorted[i];
                if (i > 0)
                {
                    var previous = sorted[i - 1];
                    expectedHeader = AlignToTarBlock(unchecked(previous.UncompressedOffset + previous.UncompressedSize));
                }
                if (expectedHeader > file.UncompressedOffset)
                {
                    throw new SociFormatException($"The zTOC has overlapping entries: '{file.Name}' starts at offset {file.UncompressedOffset}, before the previous entry ends (invalid TOC entry).");
                }
                file.TarHeaderOffset = expectedHeader;
            }
            return sorted;
        }

        private static FileMetadata ReadFile(FlatBufferView view, int table)
        {
            var recordCount = view.Vector(table, 13, "xattrs", 4, out var firstRecord);
            var records = new List<PaxRecord>(recordCount);
            for (var i = 0; i < recordCount; i++)
            {
                var record = view.Follow(firstRecord + 4 * i, "xattrs");
                records.Add(new PaxRecord(Raw(view.Bytes(record, 0, "xattr key")), Raw(view.Bytes(record, 1, "xattr value"))));
            }
            return new FileMetadata
            {
                Name = Raw(view.Bytes(table, 0, "name")),
                Type = Text(view.Bytes(table, 1, "type")),
                UncompressedOffset = view.Int64(table, 2, "uncompressed_offset"),
                UncompressedSize = view.Int64(table, 3, "uncompressed_size"),
                Linkname = Raw(view.Bytes(table, 4, "linkname")),
                Mode = view.Int64(table, 5, "mode"),
                Uid = view.UInt32(table, 6, "uid"),
                Gid = view.UInt32(table, 7, "gid"),
                Uname = Raw(view.Bytes(table, 8, "uname")),
                Gname = Raw(view.Bytes(table, 9, "gname")),
                ModTime = TarTime.TryParse(Text(view.Bytes(table, 10, "mod_time")), out var modTime) ? modTime : TarTime.GoZero,
                DevMajor = view.Int64(table, 11, "devmajor"),
                DevMinor = view.Int64(table, 12, "devminor"),
                PaxRecords = records,
            };
        }

        private static CompressionInfo ReadCompressionInfo(FlatBufferView view, int table)
        {
            var digestCount = view.Vector(table, 2, "span_digests", 4, out var firstDigest);
            var digests = new Digest[digestCount];
            for (var i = 0; i < digestCount; i++)
            {
                // soci ignores digest parse errors and keeps an empty digest.
                Digest.TryParse(Text(view.BytesAt(view.Follow(firstDigest + 4 * i, "span_digests"), "span_digests")), out digests[i]);
            }
            var checkpoints = view.Bytes(table, 3, "checkpoints");
            return new CompressionInfo
            {
                Algorithm = CompressionAlgorithms.FromSchemaValue(view.Int8(table, 0, "compression_algorithm", 1)),
                MaxSpanId = view.Int32(table, 1, "max_span_id"),
                SpanDigests = digests,
                Checkpoints = checkpoints.ToArray(),
            };
        }

        private static long AlignToTarBlock(long offset) => unchecked(offset + (TarBlockSize - offset % TarBlockSize) % TarBlockSize);

        private static RawString Raw(ArraySegment<byte> bytes) => RawString.FromSpan(bytes.AsSpan());

        private static string Text(ArraySegment<byte> bytes) => Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count);
    }
}
