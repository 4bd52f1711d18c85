namespace SociTools.Core.Finch
{
    /// <summary>What a start or stop call did to the Finch VM.</summary>
    public enum FinchVmChange
    {
        /// <summary>The VM was already where it was asked to be (or, on Linux, there is no VM).</summary>
        None,
        /// <summary><c>finch vm init</c> created and started it.</summary>
        Initialized,
        /// <summary><c>finch vm start</c> started it.</summary>
        Started,
        /// <summary><c>finch vm stop</c> stopped it.</summary>
        Stopped,
    }
}
