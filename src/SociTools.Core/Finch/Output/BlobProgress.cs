using SociTools.Core.Oci;

namespace SociTools.Core.Finch.Output
{
    /// <summary>The latest state of one ref in finch's progress table, and whether its bytes were ever seen moving.</summary>
    public sealed class BlobProgress
    {
        internal BlobProgress(ProgressLine latest, bool transferred)
        {
            Latest = latest;
            Transferred = transferred;
        }

        public ProgressLine Latest { get; }

        public string Ref => Latest.Ref;

        public ProgressRefKind Kind => Latest.Kind;

        public Digest? Digest => Latest.Digest;

        public TransferStatus Status => Latest.Status;

        /// <summary>Bytes moved in the latest downloading/uploading row; null once the row shows a full bar.</summary>
        public ProgressSize? Current => Latest.Current;

        public ProgressSize? Total => Latest.Total;

        /// <summary>True when some block showed this ref downloading or uploading.</summary>
        public bool Transferred { get; }

        /// <summary>
        /// True for a layer containerd fetched itself: seen downloading, or finished as <c>done</c> (stored during this
        /// pull) rather than <c>exists</c> (stored before). A lazily loaded layer has no row at all.
        /// </summary>
        public bool FetchedInFull => Kind == ProgressRefKind.Layer && (Transferred || Status == TransferStatus.Done);
    }
}
