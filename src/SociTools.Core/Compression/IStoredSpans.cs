namespace SociTools.Core.Compression
{
    /// <summary>Where each span of a layer lies in the layer's bytes as stored, compressed or not: what a span digest covers.</summary>
    public interface IStoredSpans
    {
        int SpanCount { get; }

        long StartCompressedOffset(int spanId);

        /// <summary>Exclusive end.</summary>
        long EndCompressedOffset(int spanId);
    }
}
