namespace SociTools.Core.Finch
{
    /// <summary>What a failed finch command means, read from finch's own message (finch.md §1.5, §2.2, §2.3).</summary>
    public enum FinchErrorKind
    {
        /// <summary>A failure finch explained in words not listed below; the message has them.</summary>
        CommandFailed,
        /// <summary><c>the instance "finch" does not exist</c>.</summary>
        VmNotFound,
        /// <summary><c>the instance "finch" is already running</c>.</summary>
        VmAlreadyRunning,
        /// <summary><c>the instance "finch" is already stopped</c>.</summary>
        VmAlreadyStopped,
        /// <summary><c>vm init</c> on a stopped VM: <c>already exists but is stopped</c>.</summary>
        VmAlreadyExists,
        /// <summary><c>vm remove</c> on a running VM: <c>is running, run `finch vm stop` ...</c>.</summary>
        VmRunning,
        /// <summary>A command that needs the VM found it stopped or missing with auto-start off.</summary>
        VmNotRunning,
        /// <summary><c>unrecognized system status</c>: Lima reports a state finch does not know (for example Broken).</summary>
        VmStatusUnknown,
        /// <summary><c>Finch virtual machine failed to start/stop/remove, debug logs: ...</c> (Lima's own failure).</summary>
        VmFailed,
        /// <summary>The VM type in finch.yaml does not work on this host (vz/qemu/wsl2 support).</summary>
        VmUnsupported,
        /// <summary><c>snapshotter &lt;name&gt; is not supported</c>: finch.yaml lists a snapshotter other than overlayfs or soci.</summary>
        SnapshotterNotSupported,
        /// <summary><c>failed to load config</c>: finch.yaml does not parse or fails validation.</summary>
        ConfigInvalid,
        /// <summary>finch does not know the subcommand (for example <c>vm</c> on Linux).</summary>
        UnknownCommand,
    }
}
