using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Vm;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// The finch double set up for <c>run</c>: <c>run</c> and <c>pull</c> print what a scenario prepared (stdout, stderr, exit
    /// code) the way finch would, <c>image ls --format json</c>/<c>images</c> print prepared JSON lines, a <c>limactl</c>
    /// double at <c>Root/lima/bin/limactl</c> answers <c>shell finch mount --type=fuse.rawBridge</c> with prepared mounts
    /// (recording its arguments and LIMA_HOME), and override.yaml sits where finch writes it at VM start.
    /// </summary>
    public sealed class SociRunDouble : IDisposable
    {
        public SociRunDouble()
        {
            Finch = new FinchDouble();
            Finch.SetVmState(FinchVmState.Running);
            Directory.CreateDirectory(ScenarioPath(""));
            foreach (var command in new[] { "run", "pull" })
            {
                Finch.AddCommand(command,
                    "if [ -f \"$R/scenario/mounts.after-run\" ]; then cp \"$R/scenario/mounts.after-run\" \"$R/scenario/mounts\"; fi\n" +
                    $"cat \"$R/scenario/{command}.stderr\" >&2 2>/dev/null\n" +
                    $"cat \"$R/scenario/{command}.stdout\" 2>/dev/null\n" +
                    $"exit \"$(read_state ../scenario/{command}.exit 0)\"\n");
            }
            const string listing = "cat \"$R/scenario/images.json\" 2>/dev/null\nexit 0\n";
            Finch.AddCommand("images", listing);
            Finch.AddCommand("image",
                "if [ \"$2\" = ls ] || [ \"$2\" = list ]; then\n" + listing + "fi\n" +
                "finch_fatal \"unknown command \\\"$2\\\" for \\\"finch image\\\"\"\n");
            Limactl = Path.Combine(Finch.Root, "lima", "bin", "limactl");
            Directory.CreateDirectory(Path.GetDirectoryName(Limactl)!);
            File.WriteAllText(Limactl,
                "#!/usr/bin/env bash\n" +
                $"R='{Finch.Root}'\n" +
                "{ printf 'LIMA_HOME=%s' \"$LIMA_HOME\"; for a in \"$@\"; do printf ' %s' \"$a\"; done; echo; } >> \"$R/scenario/limactl.calls\"\n" +
                "if [ -f \"$R/scenario/limactl.fail\" ]; then cat \"$R/scenario/limactl.fail\" >&2; exit 255; fi\n" +
                "cat \"$R/scenario/mounts\" 2>/dev/null\nexit 0\n");
            File.SetUnixFileMode(Limactl, File.GetUnixFileMode(Limactl) | UnixFileMode.UserExecute);
            StartedVm(soci: true);
        }

        public FinchDouble Finch { get; }

        public string Limactl { get; }

        public FinchCli Cli(FinchHostKind kind = FinchHostKind.MacOS) => new FinchCli(Finch.Executable, kind);

        /// <summary>What <c>finch run</c> prints and its exit code (the container's, or 1 after a FATA line).</summary>
        public SociRunDouble Run(string stderr, string stdout = "", int exitCode = 0) => Prepare("run", stderr, stdout, exitCode);

        public SociRunDouble Pull(string stdout, string stderr = "", int exitCode = 0) => Prepare("pull", stderr, stdout, exitCode);

        public SociRunDouble Images(params string[] jsonRows)
        {
            File.WriteAllText(ScenarioPath("images.json"), string.Join("\n", jsonRows) + (jsonRows.Length > 0 ? "\n" : ""));
            return this;
        }

        /// <summary>How many fuse.rawBridge mounts limactl lists once finch has run or pulled, in mount(8)'s format.</summary>
        public SociRunDouble Mounts(int count)
        {
            File.WriteAllText(ScenarioPath("mounts.after-run"), MountLines(count));
            return this;
        }

        /// <summary>How many fuse.rawBridge mounts limactl lists now, before any run (left by earlier lazy pulls).</summary>
        public SociRunDouble MountsBeforeRun(int count)
        {
            File.WriteAllText(ScenarioPath("mounts"), MountLines(count));
            return this;
        }

        private static string MountLines(int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
            $"soci on /var/lib/soci-snapshotter-grpc/snapshotter/snapshots/{i}/fs type fuse.rawBridge (rw,nodev,relatime,user_id=0,group_id=0,allow_other)\n"));

        /// <summary>limactl fails as it does when the instance is not there (exit 255).</summary>
        public SociRunDouble LimaFails(string stderr)
        {
            File.WriteAllText(ScenarioPath("limactl.fail"), stderr + "\n");
            return this;
        }

        public SociRunDouble RemoveLimactl()
        {
            File.Delete(Limactl);
            return this;
        }

        /// <summary>Writes override.yaml as finch does at vm start, with or without soci in snapshotters.</summary>
        public SociRunDouble StartedVm(bool soci)
        {
            var path = VmStartSnapshotters.PathUnder(Finch.Root);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, VmStartSnapshottersTests.OverrideYaml(soci ? "soci" : null, soci));
            return this;
        }

        /// <summary>Each limactl call as <c>LIMA_HOME=… args…</c>.</summary>
        public IReadOnlyList<string> LimactlCalls =>
            File.Exists(ScenarioPath("limactl.calls")) ? File.ReadAllLines(ScenarioPath("limactl.calls")) : new string[0];

        public void Dispose() => Finch.Dispose();

        private SociRunDouble Prepare(string command, string stderr, string stdout, int exitCode)
        {
            File.WriteAllText(ScenarioPath(command + ".stderr"), stderr);
            File.WriteAllText(ScenarioPath(command + ".stdout"), stdout);
            File.WriteAllText(ScenarioPath(command + ".exit"), exitCode.ToString());
            return this;
        }

        private string ScenarioPath(string name) => Path.Combine(Finch.Root, "scenario", name);
    }
}
