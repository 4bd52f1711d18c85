using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch.Vm
{
    /// <summary>How many SOCI FUSE mounts exist, or why they could not be counted.</summary>
    public sealed class FuseMountCount
    {
        private FuseMountCount(int? count, string? notCheckedReason)
        {
            Count = count;
            NotCheckedReason = notCheckedReason;
        }

        public int? Count { get; }

        /// <summary>Why the mounts were not counted; null when <see cref="Count"/> is known.</summary>
        public string? NotCheckedReason { get; }

        public static FuseMountCount Of(int count) => new FuseMountCount(count, null);

        public static FuseMountCount NotChecked(string reason) => new FuseMountCount(null, reason);

        public override string ToString() => Count.HasValue ? Count + " SOCI FUSE mounts" : "not checked: " + NotCheckedReason;
    }

    /// <summary>
    /// Counts the snapshotter's FUSE mounts (type <c>fuse.rawBridge</c>), the check Finch's own e2e tests use: above 0
    /// means layers are lazily mounted. In the VM through <c>limactl shell finch mount --type=fuse.rawBridge</c> with
    /// <c>LIMA_HOME=&lt;root&gt;/lima/data</c>; on Linux, where there is no VM, from the host's mount table.
    /// </summary>
    public sealed class SociFuseMounts
    {
        public const string FilesystemType = "fuse.rawBridge";

        private readonly FinchCli _finch;
        private readonly string _hostMountTable;

        /// <param name="hostMountTable">The mount table read on Linux; <c>/proc/self/mounts</c> unless a test names another.</param>
        public SociFuseMounts(FinchCli finch, string hostMountTable = "/proc/self/mounts")
        {
            _finch = finch ?? throw new ArgumentNullException(nameof(finch));
            _hostMountTable = hostMountTable;
        }

        public string Limactl => Path.Combine(_finch.InstallRoot, "lima", "bin", _finch.Kind == FinchHostKind.Windows ? "limactl.exe" : "limactl");

        public string LimaHome => Path.Combine(_finch.InstallRoot, "lima", "data");

        /// <summary>The arguments given to limactl.</summary>
        public static IReadOnlyList<string> LimactlArguments { get; } = new[] { "shell", "finch", "mount", "--type=" + FilesystemType };

        /// <summary>Never throws for an unreachable VM or a missing tool: the count then says why it was not checked.</summary>
        public async Task<FuseMountCount> CountAsync(CancellationToken cancellationToken)
        {
            if (_finch.Kind == FinchHostKind.LinuxNative) return CountOnHost();
            if (!File.Exists(Limactl))
            {
                return FuseMountCount.NotChecked($"limactl was not found at {Limactl}, so the VM's mounts could not be listed");
            }
            var options = new ProcessRunOptions { Environment = new Dictionary<string, string?> { ["LIMA_HOME"] = LimaHome } };
            ProcessResult result;
            try
            {
                result = await ProcessRunner.RunAsync(Limactl, LimactlArguments, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ProcessStartException e)
            {
                return FuseMountCount.NotChecked(e.Message);
            }
            if (result.ExitCode != 0)
            {
                var reason = FinchLogMessage.Summarize(result.StandardError);
                return FuseMountCount.NotChecked($"'limactl shell finch mount' exited with code {result.ExitCode}" + (reason.Length > 0 ? ": " + reason : ""));
            }
            return FuseMountCount.Of(CountLines(result.StandardOutput));
        }

        private FuseMountCount CountOnHost()
        {
            string table;
            try
            {
                table = File.ReadAllText(_hostMountTable);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return FuseMountCount.NotChecked($"the mount table {_hostMountTable} could not be read ({e.Message})");
            }
            // Fields: device, mount point, type, options, dump, pass.
            var count = table.Split('\n')
                .Select(line => line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                .Count(fields => fields.Length > 2 && fields[2] == FilesystemType);
            return FuseMountCount.Of(count);
        }

        private static int CountLines(string output) => output.Split('\n').Count(line => line.Trim().Length > 0);
    }
}
