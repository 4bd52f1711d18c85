using System.IO;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Vm;
using Xunit;

namespace SociTools.Tests.Finch
{
    public class VmStartSnapshottersTests
    {
        /// <summary>override.yaml as finch writes it at vm start, with snapshotters [overlayfs, soci] or [soci].</summary>
        public static string OverrideYaml(string? defaultSnapshotter, bool soci) =>
            "cpus: 4\nmemory: 8GiB\n" +
            (defaultSnapshotter == null ? "env: {}\n" : "env:\n  CONTAINERD_SNAPSHOTTER: " + defaultSnapshotter + "\n") +
            "provision:\n" +
            "- mode: user\n  script: |\n    #!/bin/bash\n    echo user setup\n" +
            (soci
                ? "- mode: system\n  script: |\n    #!/bin/bash\n    " + VmStartSnapshotters.SociProvisioningHeader + "\n    if [ ! -f /usr/local/bin/soci ]; then\n      echo install\n    fi\n    systemctl restart containerd.service\n"
                : "");

        private static string Write(string text)
        {
            var folder = Path.Combine(Path.GetTempPath(), "finch-override-" + System.Guid.NewGuid().ToString("n"));
            var path = VmStartSnapshotters.PathUnder(folder);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void Reads_the_default_snapshotter_and_the_soci_provisioning_script()
        {
            var read = VmStartSnapshotters.Read(Write(OverrideYaml("overlayfs", soci: true)))!;

            Assert.Equal("overlayfs", read.DefaultSnapshotter);
            Assert.True(read.SociProvisioned);
        }

        [Fact]
        public void A_vm_started_without_snapshotters_has_neither()
        {
            var read = VmStartSnapshotters.Read(Write(OverrideYaml(null, soci: false)))!;

            Assert.Null(read.DefaultSnapshotter);
            Assert.False(read.SociProvisioned);
        }

        [Fact]
        public void A_missing_file_reads_as_null()
        {
            Assert.Null(VmStartSnapshotters.Read(Path.Combine(Path.GetTempPath(), "no-such-" + System.Guid.NewGuid().ToString("n"), "override.yaml")));
        }

        [Fact]
        public void Broken_yaml_fails_with_the_path_and_a_fix()
        {
            var path = Write("env: [unclosed\n");

            var error = Assert.Throws<FinchException>(() => VmStartSnapshotters.Read(path));

            Assert.Contains(path, error.Message);
            Assert.Contains("start the VM again", error.Message);
        }
    }
}
