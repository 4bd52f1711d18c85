using System;
using System.Collections.Generic;
using System.IO;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Vm;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// The finch double set up for <c>run</c>, with the handlers and limactl of <c>tests/Doubles/finch/run</c>: <c>run</c> and <c>pull</c> print what a scenario prepared (stdout, stderr, exit
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
            Finch.UseHandler("run", "run/prepared-output.sh").UseHandler("pull", "run/prepared-output.sh")
                .UseHandler("images", "run/image-list.sh").UseHandler("image", "run/image-list.sh");
            Limactl = Path.Combine(Finch.Root, "lima", "bin", "limactl");
            Directory.CreateDirectory(Path.GetDirectoryName(Limactl)!);
            LinuxProcess.WriteExecutable(Limactl, File.ReadAllText(FinchDouble.SourcePath("run/limactl")));
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
            File.WriteAllText(ScenarioPath("mounts.after-run"), count.ToString());
            return this;
        }

        /// <summary>How many fuse.rawBridge mounts limactl lists now, before any run (left by earlier lazy pulls).</summary>
        public SociRunDouble MountsBeforeRun(int count)
        {
            File.WriteAllText(ScenarioPath("mounts"), count.ToString());
            return this;
        }

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
