using SociTools.Core.Finch;

namespace SociTools
{
    /// <summary>The Finch virtual machine as Get-FinchVM, Start-FinchVM -PassThru and Stop-FinchVM -PassThru report it.</summary>
    public sealed class FinchVM
    {
        /// <summary>The Lima instance name finch uses.</summary>
        public string Name { get; set; } = "finch";

        /// <summary>Running, Stopped or Nonexistent; NotApplicable on Linux, where Finch has no VM.</summary>
        public FinchVmState State { get; set; }

        /// <summary>The kind of Finch install: MacOS, Windows or LinuxNative.</summary>
        public FinchHostKind Kind { get; set; }

        /// <summary>The finch executable that was asked.</summary>
        public string FinchPath { get; set; } = "";

        /// <summary>True when this call started, created or stopped the VM.</summary>
        public bool Changed { get; set; }

        public string Message { get; set; } = "";

        public const string LinuxMessage = "Finch on Linux runs without a VM: containers run on this host, so there is nothing to start or stop.";

        internal static FinchVM Of(FinchCli finch, FinchVmState state, bool changed, string? message = null) => new FinchVM
        {
            State = state,
            Kind = finch.Kind,
            FinchPath = finch.Executable,
            Changed = changed,
            Message = message ?? Describe(state),
        };

        /// <summary>What a state means for the user, and what to do about it.</summary>
        internal static string Describe(FinchVmState state) => state switch
        {
            FinchVmState.Running => "The Finch virtual machine is running.",
            FinchVmState.Stopped => "The Finch virtual machine is stopped; Start-FinchVM starts it.",
            FinchVmState.Nonexistent => "The Finch virtual machine does not exist; Start-FinchVM creates and starts it.",
            _ => LinuxMessage,
        };

        public override string ToString() => $"{Name}: {State}";
    }
}
