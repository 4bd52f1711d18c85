using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SociTools.Core.Finch;
using SociTools.Tests.Hosting;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// A stand-in <c>finch</c> (bash, from <c>tests/Doubles/finch</c>) laid out like an install, <c>Root/bin/finch</c>, so <see cref="FinchCli.InstallRoot"/>
    /// is <see cref="Root"/>. It keeps the VM state in <c>Root/state</c>, answers <c>vm status|init|start|stop|remove</c> with
    /// finch's documented messages and exit codes in the chosen log form, records every call's exact arguments, and
    /// runs handlers added with <see cref="AddCommand"/> for other subcommands (unknown ones fail like finch does).
    /// </summary>
    public sealed class FinchDouble : IDisposable
    {
        public FinchDouble()
        {
            Root = Path.Combine(Path.GetTempPath(), "finch-double-" + Guid.NewGuid().ToString("n"));
            foreach (var folder in new[] { "bin", "state", "calls", "handlers" })
            {
                Directory.CreateDirectory(Path.Combine(Root, folder));
            }
            File.Copy(SourcePath("lib.sh"), Path.Combine(Root, "lib.sh"));
            Executable = Path.Combine(Root, "bin", "finch");
            LinuxProcess.WriteExecutable(Executable, File.ReadAllText(SourcePath("finch")));
        }

        /// <summary>
        /// A file of the double's sources in <c>tests/Doubles/finch</c>, which the Pester suite's New-FinchDouble lays out too:
        /// <c>lib.sh</c>, <c>finch</c> (laid out as <c>bin/finch</c>), and the run scenario's handlers, limactl and progress texts under <c>run/</c>.
        /// </summary>
        public static string SourcePath(string relativePath) =>
            Path.Combine(RepositoryPaths.Root, "tests", "Doubles", "finch", relativePath.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>A double whose <c>save -o FILE IMAGE</c> copies <paramref name="archiveToSave"/> for <paramref name="knownImage"/>
        /// and fails like nerdctl for any other image.</summary>
        public FinchDouble(string knownImage, string archiveToSave) : this()
        {
            AddCommand("save",
                "if [ \"$2\" = -o ]; then\n" +
                $"  if [ \"$4\" = '{knownImage}' ]; then cp '{archiveToSave}' \"$3\"; exit 0; fi\n" +
                "  finch_fatal \"failed to export: image \\\"$4\\\": not found\"\n" +
                "fi\n" +
                "finch_fatal 'accepts at least 1 arg(s), received 0'\n");
        }

        /// <summary>The fake install root; the executable is <c>Root/bin/finch</c>.</summary>
        public string Root { get; }

        /// <summary>The same as <see cref="Root"/>, for tests that want a scratch folder beside the double.</summary>
        public string Folder => Root;

        public string Executable { get; }

        /// <summary>Every call's arguments, exactly as finch received them, oldest first.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Calls =>
            Directory.GetFiles(Path.Combine(Root, "calls"))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
                .Select(f => (IReadOnlyList<string>)File.ReadAllText(f).Split('\0').SkipLast(1).ToList())
                .ToList();

        /// <summary>The calls as command lines with single spaces, for readable assertions.</summary>
        public IReadOnlyList<string> CallLines => Calls.Select(c => string.Join(" ", c)).ToList();

        /// <summary>What <c>finch vm status</c> would say; Lima states finch does not know (e.g. "Broken") are kept as written.</summary>
        public string VmState => File.Exists(StatePath("vm")) ? File.ReadAllText(StatePath("vm")) : "Nonexistent";

        public FinchDouble SetVmState(string state)
        {
            File.WriteAllText(StatePath("vm"), state);
            return this;
        }

        public FinchDouble SetVmState(FinchVmState state) => SetVmState(state.ToString());

        /// <summary>"keyvalue" (<c>time="…" level=info msg="…"</c>, the default: not a terminal, or Windows) or "terminal" (<c>INFO[0000] …</c>).</summary>
        public FinchDouble SetLogForm(string form)
        {
            if (form != "keyvalue" && form != "terminal") throw new ArgumentException("The log form is keyvalue or terminal.", nameof(form));
            File.WriteAllText(StatePath("log-form"), form);
            return this;
        }

        /// <summary>Acting as Windows adds finch's WSL warning to <c>vm init</c>.</summary>
        public FinchDouble ActAs(FinchHostKind kind)
        {
            File.WriteAllText(StatePath("platform"), kind.ToString());
            return this;
        }

        /// <summary>Makes <c>vm &lt;command&gt;</c> (init, start, stop, remove) fail in Lima: ERRO with this output, then this exit code.</summary>
        public FinchDouble FailLima(string command, int exitCode, string limactlOutput)
        {
            File.WriteAllText(StatePath("fail-" + command), exitCode + "\n" + limactlOutput);
            return this;
        }

        /// <summary>The state <c>vm init</c>/<c>vm start</c> leave behind, e.g. a Lima state finch cannot name, to test waiting.</summary>
        public FinchDouble SetStateAfterStart(string state)
        {
            File.WriteAllText(StatePath("after-start"), state);
            return this;
        }

        /// <summary>
        /// Handles <c>finch &lt;subcommand&gt; ...</c> with a bash script body (it overrides a built-in one). The script gets the
        /// whole argument list ($1 is the subcommand) after the call is recorded, and can use lib.sh:
        /// <c>finch_log LEVEL MESSAGE</c> (level debug|info|warning|error|fatal, in the configured form, on stderr),
        /// <c>finch_fatal MESSAGE</c> (FATA and exit 1), <c>vm_state</c>, <c>set_vm_state STATE</c>, <c>read_state NAME DEFAULT</c>,
        /// <c>acts_as_windows</c>, and <c>$R</c> (the root).
        /// </summary>
        public FinchDouble AddCommand(string subcommand, string bashScriptBody)
        {
            File.WriteAllText(Path.Combine(Root, "handlers", subcommand),
                "#!/usr/bin/env bash\nsource \"$FINCH_DOUBLE_ROOT/lib.sh\"\n" + bashScriptBody + "\n");
            return this;
        }

        /// <summary>Handles <c>finch &lt;subcommand&gt; ...</c> with a handler script from the double's sources (<see cref="SourcePath"/>).</summary>
        public FinchDouble UseHandler(string subcommand, string sourceRelativePath)
        {
            File.Copy(SourcePath(sourceRelativePath), Path.Combine(Root, "handlers", subcommand), overwrite: true);
            return this;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private string StatePath(string name) => Path.Combine(Root, "state", name);
    }
}
