using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>A SOCI index found for an image manifest, and how it was found.</summary>
    public sealed class SociIndexLocation
    {
        internal SociIndexLocation(SociIndexSource source, Descriptor indexDescriptor, SociIndex index)
        {
            Source = source;
            IndexDescriptor = indexDescriptor;
            Index = index;
        }

        public SociIndexSource Source { get; }
        public Descriptor IndexDescriptor { get; }
        public SociIndex Index { get; }

        /// <summary>The snapshotter's log line for this way of finding an index.</summary>
        public string SnapshotterLogMessage =>
            Source switch
            {
                SociIndexSource.ProvidedDigest => "using provided soci index digest",
                SociIndexSource.V2Annotation => "using soci v2 index annotation",
                _ => "using soci v1 index via referrers API",
            };
    }
}
