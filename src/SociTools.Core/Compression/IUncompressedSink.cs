using System;

namespace SociTools.Core.Compression
{
    /// <summary>Receives a layer's uncompressed bytes in order, in one pass (the tar TOC builder is one).</summary>
    public interface IUncompressedSink
    {
        void Write(ReadOnlySpan<byte> data);
    }
}
