namespace SociTools.Core.Finch
{
    /// <summary>The states <c>finch vm status</c> reports; <see cref="NotApplicable"/> on Linux, where Finch has no VM.</summary>
    public enum FinchVmState
    {
        Nonexistent,
        Stopped,
        Running,
        NotApplicable,
    }
}
