using System.Collections.Generic;

namespace SociTools
{
    /// <summary>The outcome of Push-SociImage: what the tag names, the indexes, and what was sent.</summary>
    public sealed class SociPushResult
    {
        public string Destination { get; set; } = "";

        /// <summary>The digest the tag now names: the SOCI-enabled image index (V2) or the unchanged image (V1).</summary>
        public string ImageDigest { get; set; } = "";
        public string ImageMediaType { get; set; } = "";
        public string IndexVersion { get; set; } = "";
        public IReadOnlyList<string> IndexDigests { get; set; } = new List<string>();

        /// <summary>True when the index was built for this push; false when the layout already held it.</summary>
        public bool IndexBuilt { get; set; }
        public long BytesSent { get; set; }
        public int BlobsSent { get; set; }
        public int BlobsSkipped { get; set; }

        public override string ToString() => $"{Destination}@{ImageDigest} with SOCI index {IndexVersion}; {BytesSent} bytes sent, {BlobsSkipped} already present";
    }
}
