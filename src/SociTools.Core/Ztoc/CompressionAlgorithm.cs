using System;

namespace SociTools.Core.Ztoc
{
    /// <summary>How a layer blob is compressed. soci's zTOC schema has values for gzip (1) and uncompressed (2) only.</summary>
    public enum CompressionAlgorithm
    {
        Gzip,
        Zstd,
        Uncompressed,
    }

    /// <summary>Names and zTOC encodings of <see cref="CompressionAlgorithm"/>.</summary>
    public static class CompressionAlgorithms
    {
        /// <summary>Why a zstd layer gets no zTOC: soci registers no zstd zinfo provider and skips such layers silently.</summary>
        public const string ZstdSkipReason = "ztoc skipped: zstd layers are not indexed by soci (unsupported format; there is no zstd zinfo, see soci-snapshotter issue #519)";

        /// <summary>The lower-case name soci uses (<c>gzip</c>, <c>zstd</c>, <c>uncompressed</c>).</summary>
        public static string ToSociName(this CompressionAlgorithm algorithm) => algorithm switch
        {
            CompressionAlgorithm.Gzip => "gzip",
            CompressionAlgorithm.Zstd => "zstd",
            CompressionAlgorithm.Uncompressed => "uncompressed",
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        /// <summary>The schema's enum byte; throws for zstd, which soci cannot store in a zTOC.</summary>
        internal static sbyte ToSchemaValue(this CompressionAlgorithm algorithm) => algorithm switch
        {
            CompressionAlgorithm.Gzip => 1,
            CompressionAlgorithm.Uncompressed => 2,
            _ => throw new SociFormatException(ZstdSkipReason),
        };

        internal static CompressionAlgorithm FromSchemaValue(sbyte value) => value switch
        {
            1 => CompressionAlgorithm.Gzip,
            2 => CompressionAlgorithm.Uncompressed,
            _ => throw new SociFormatException($"zTOC compression_algorithm is {value}; soci knows 1 (gzip) and 2 (uncompressed) only."),
        };
    }
}
