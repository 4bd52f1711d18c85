namespace SociTools.Core.Finch.Output
{
    /// <summary>The statuses nerdctl prints per ref in its pull and push progress.</summary>
    public enum TransferStatus
    {
        Resolving,
        Resolved,
        Waiting,
        Downloading,
        Uploading,
        Committing,
        Done,
        Exists,
    }
}
