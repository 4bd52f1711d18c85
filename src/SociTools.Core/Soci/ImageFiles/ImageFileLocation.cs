using System;
using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Ztoc;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>
    /// Where a file of an image lives: the layer that shows it, its entry, and the spans that hold its bytes (or the
    /// whole layer, fetched because it has no zTOC; dispose the location to delete that copy).
    /// </summary>
    public sealed class ImageFileLocation : IDisposable
    {
        internal ImageFileLocation(string path, Descriptor layer, int layerNumber, int layerCount, FileMetadata entry, FileMetadata data,
            ZtocDocument? ztoc, int firstSpan, int spanCount, WholeLayer? wholeLayer, IReadOnlyList<Descriptor> layersFetchedWhole)
        {
            WholeLayer = wholeLayer;
            LayersFetchedWhole = layersFetchedWhole;
            Path = path;
            Layer = layer;
            LayerNumber = layerNumber;
            LayerCount = layerCount;
            Entry = entry;
            Data = data;
            Ztoc = ztoc;
            FirstSpan = firstSpan;
            SpanCount = spanCount;
        }

        /// <summary>The path asked for, normalized (no leading "/").</summary>
        public string Path { get; }

        public Descriptor Layer { get; }

        /// <summary>1 for the bottom layer, <see cref="LayerCount"/> for the top one.</summary>
        public int LayerNumber { get; }

        public int LayerCount { get; }

        /// <summary>The layer's entry at the path: the file itself, or a hard link to it.</summary>
        public FileMetadata Entry { get; }

        /// <summary>The regular file entry whose bytes are read (the link's target for a hard link).</summary>
        public FileMetadata Data { get; }

        /// <summary>The layer's zTOC; null when the layer has none and was fetched whole.</summary>
        public ZtocDocument? Ztoc { get; }

        /// <summary>The layer's fetched copy when it has no zTOC.</summary>
        public WholeLayer? WholeLayer { get; }

        /// <summary>Layers without a zTOC that were fetched whole to find the file, top first (this one included when it is among them).</summary>
        public IReadOnlyList<Descriptor> LayersFetchedWhole { get; }

        public int FirstSpan { get; }

        /// <summary>How many spans hold the file; 0 for an empty file.</summary>
        public int SpanCount { get; }

        public long Size => Data.UncompressedSize;

        public void Dispose() => WholeLayer?.Dispose();
    }
}
