using System;
using System.Diagnostics;
using System.IO;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// A stand-in <c>finch</c> executable (a bash script) that answers <c>save -o FILE IMAGE</c> as Finch does:
    /// it copies a prepared docker-archive for a known image, and for others prints nerdctl's fatal line
    /// on stderr in logrus's non-terminal form and exits 1.
    /// </summary>
    public sealed class FinchDouble : IDisposable
    {
        public FinchDouble(string knownImage, string archiveToSave)
        {
            Folder = Path.Combine(Path.GetTempPath(), "finch-double-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(Folder);
            Executable = Path.Combine(Folder, "finch");
            File.WriteAllText(Executable,
                "#!/usr/bin/env bash\n" +
                "echo \"$@\" >> \"$(dirname \"$0\")/calls.log\"\n" +
                "if [ \"$1\" = save ] && [ \"$2\" = -o ]; then\n" +
                $"  if [ \"$4\" = '{knownImage}' ]; then cp '{archiveToSave}' \"$3\"; exit 0; fi\n" +
                "  echo 'time=\"2026-12-02T10:00:00Z\" level=fatal msg=\"failed to export: image \\\"'\"$4\"'\\\": not found\"' >&2\n" +
                "  exit 1\n" +
                "fi\n" +
                "echo 'time=\"2026-12-02T10:00:00Z\" level=fatal msg=\"unknown command\"' >&2\n" +
                "exit 1\n");
            using var chmod = Process.Start("chmod", "+x " + Executable)!;
            chmod.WaitForExit();
        }

        public string Folder { get; }

        public string Executable { get; }

        public string Calls => File.Exists(Path.Combine(Folder, "calls.log")) ? File.ReadAllText(Path.Combine(Folder, "calls.log")) : "";

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
