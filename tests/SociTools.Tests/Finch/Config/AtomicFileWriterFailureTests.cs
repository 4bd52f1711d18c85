using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    /// <summary>
    /// A finch.yaml that cannot be replaced: the error names the file, and nothing is lost, the previous backup included.
    /// The file or folder is made immutable with chattr, which refuses writes even to root (these tests run as root).
    /// </summary>
    public class AtomicFileWriterFailureTests
    {
        [Fact]
        public async Task A_file_that_cannot_be_replaced_keeps_the_older_backup_and_says_nothing_changed()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2 # mine\n");
            File.WriteAllText(folder.ConfigPath + ".bak", "older backup\n");
            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);

            var error = await WhileImmutable(folder.ConfigPath, () => Assert.ThrowsAsync<UnauthorizedAccessException>(() => FinchConfigFile.WriteAsync(edit, CancellationToken.None)));

            Assert.StartsWith(folder.ConfigPath + ": ", error.Message);
            Assert.Contains("nothing was changed", error.Message);
            Assert.Equal("cpus: 2 # mine\n", folder.Text);
            Assert.Equal("older backup\n", File.ReadAllText(folder.ConfigPath + ".bak"));
            // The lock was taken before the write failed; it stays, empty, as after any write.
            Assert.Equal(new[] { "finch.yaml", "finch.yaml.bak", "finch.yaml.lock" }, FilesIn(folder));
        }

        [Fact]
        public async Task A_folder_that_cannot_be_written_is_named_instead_of_a_temporary_file()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\n");
            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            var configFolder = Path.GetDirectoryName(folder.ConfigPath)!;

            var error = await WhileImmutable(configFolder, () => Assert.ThrowsAsync<UnauthorizedAccessException>(() => FinchConfigFile.WriteAsync(edit, CancellationToken.None)));

            Assert.StartsWith(folder.ConfigPath + ": ", error.Message);
            Assert.Contains(configFolder + " must be writable", error.Message);
            Assert.DoesNotContain(".tmp", error.Message);
            Assert.Equal("cpus: 2\n", folder.Text);
            Assert.Equal(new[] { "finch.yaml" }, FilesIn(folder));
        }

        [Fact]
        public async Task A_folder_path_through_a_file_is_an_error_naming_finch_yaml()
        {
            using var folder = new ConfigFolder();
            var blocker = Path.Combine(folder.Folder, "not-a-folder");
            File.WriteAllText(blocker, "x");
            var path = Path.Combine(blocker, "finch.yaml");
            var edit = await FinchConfigFile.PlanSociEnableAsync(path, makeDefault: false, CancellationToken.None);

            var error = await Assert.ThrowsAsync<IOException>(() => FinchConfigFile.WriteAsync(edit, CancellationToken.None));

            Assert.StartsWith(path + ": the file could not be written (", error.Message);
            Assert.Contains("nothing was changed", error.Message);
            Assert.Equal("x", File.ReadAllText(blocker));
        }

        private static async Task<T> WhileImmutable<T>(string path, Func<Task<T>> action)
        {
            Chattr("+i", path);
            try
            {
                return await action();
            }
            finally
            {
                Chattr("-i", path);
            }
        }

        private static void Chattr(string flag, string path)
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", new[] { flag, path }) { RedirectStandardError = true })
                ?? throw new InvalidOperationException("chattr did not start");
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"chattr {flag} {path} failed (these tests need root and an ext4/xfs/btrfs folder): {stderr}");
        }

        private static string[] FilesIn(ConfigFolder folder) =>
            Directory.GetFiles(Path.GetDirectoryName(folder.ConfigPath)!).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
    }
}
