namespace SociTools.Core.Finch.Run
{
    /// <summary>The result of one preflight check: what was found and, when it failed, how to fix it.</summary>
    public sealed class PreflightFinding
    {
        public PreflightFinding(PreflightCheck check, PreflightOutcome outcome, string message, string? fix = null)
        {
            Check = check;
            Outcome = outcome;
            Message = message;
            Fix = fix;
        }

        public PreflightCheck Check { get; }

        public PreflightOutcome Outcome { get; }

        public string Message { get; }

        /// <summary>What to do about a failed check; null otherwise.</summary>
        public string? Fix { get; }

        public bool Failed => Outcome == PreflightOutcome.Failed;

        public override string ToString() => $"{Check}: {Outcome}: {Message}" + (Fix == null ? "" : " " + Fix);
    }
}
