using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    /// <summary>Byte-for-byte expectations for the minimal edit of finch.yaml's snapshotters list.</summary>
    public class SnapshottersEditTests
    {
        [Theory]
        // Block lists: the new item copies the last item's indentation and quoting, after its line (and its comment).
        [InlineData("cpus: 4\nsnapshotters:\n  - overlayfs\nmemory: 8GiB\n", "cpus: 4\nsnapshotters:\n  - overlayfs\n  - soci\nmemory: 8GiB\n")]
        [InlineData("snapshotters:\n- overlayfs\n", "snapshotters:\n- overlayfs\n- soci\n")]
        [InlineData("snapshotters:\n    -   'overlayfs'  # default\n    # more later\ncpus: 2\n", "snapshotters:\n    -   'overlayfs'  # default\n    -   'soci'\n    # more later\ncpus: 2\n")]
        [InlineData("snapshotters:\n  - \"overlayfs\"", "snapshotters:\n  - \"overlayfs\"\n  - \"soci\"")]
        // Flow lists: separator and quoting copied, spread-over-lines lists stay spread.
        [InlineData("snapshotters: [overlayfs]\n", "snapshotters: [overlayfs, soci]\n")]
        [InlineData("snapshotters: [ ]\n", "snapshotters: [soci]\n")]
        [InlineData("snapshotters: []  # none yet\n", "snapshotters: [soci]  # none yet\n")]
        [InlineData("snapshotters: [\"overlayfs\"]\n", "snapshotters: [\"overlayfs\", \"soci\"]\n")]
        [InlineData("snapshotters: [ overlayfs ,stargz ]\n", "snapshotters: [ overlayfs ,stargz ,soci ]\n")]
        [InlineData("snapshotters: [\n  overlayfs\n]\n", "snapshotters: [\n  overlayfs,\n  soci\n]\n")]
        [InlineData("snapshotters: [\n  overlayfs,\n  stargz,\n]\n", "snapshotters: [\n  overlayfs,\n  stargz,\n  soci,\n]\n")]
        // Null values.
        [InlineData("snapshotters:\ncpus: 2\n", "snapshotters:\n  - soci\ncpus: 2\n")]
        [InlineData("snapshotters: # later\ncpus: 2\n", "snapshotters: # later\n  - soci\ncpus: 2\n")]
        [InlineData("snapshotters:", "snapshotters:\n  - soci")]
        [InlineData("snapshotters: ~\n", "snapshotters: [soci]\n")]
        [InlineData("snapshotters: null # off\n", "snapshotters: [soci] # off\n")]
        // Key absent, empty file, comments only, document start.
        [InlineData("cpus: 4\nmemory: 8GiB\n", "cpus: 4\nmemory: 8GiB\nsnapshotters:\n  - soci\n")]
        [InlineData("cpus: 4\n# trailing comment", "cpus: 4\n# trailing comment\nsnapshotters:\n  - soci\n")]
        [InlineData("", "snapshotters:\n  - soci\n")]
        [InlineData("# my finch settings\n", "# my finch settings\nsnapshotters:\n  - soci\n")]
        [InlineData("---\ncpus: 2\n", "---\ncpus: 2\nsnapshotters:\n  - soci\n")]
        [InlineData("---\n", "---\nsnapshotters:\n  - soci\n")]
        // CRLF files get CRLF lines.
        [InlineData("cpus: 4\r\nsnapshotters:\r\n  - overlayfs\r\nmemory: 8GiB\r\n", "cpus: 4\r\nsnapshotters:\r\n  - overlayfs\r\n  - soci\r\nmemory: 8GiB\r\n")]
        [InlineData("cpus: 4\r\nmemory: 8GiB", "cpus: 4\r\nmemory: 8GiB\r\nsnapshotters:\r\n  - soci\r\n")]
        [InlineData("snapshotters:\r\ncpus: 2\r\n", "snapshotters:\r\n  - soci\r\ncpus: 2\r\n")]
        [InlineData("snapshotters: [\r\n  overlayfs\r\n]\r\n", "snapshotters: [\r\n  overlayfs,\r\n  soci\r\n]\r\n")]
        // Characters outside ASCII (two UTF-16 units for the emoji) before the list do not shift the edit.
        [InlineData("# \U0001F426 réglages\nsnapshotters: [overlayfs] # “défaut”\n", "# \U0001F426 réglages\nsnapshotters: [overlayfs, soci] # “défaut”\n")]
        [InlineData("memory: \"\U0001F426\"\nsnapshotters:\n  - overlayfs\n", "memory: \"\U0001F426\"\nsnapshotters:\n  - overlayfs\n  - soci\n")]
        // A tagged list and a list starting on the line after its key.
        [InlineData("snapshotters: !!seq [overlayfs]\n", "snapshotters: !!seq [overlayfs, soci]\n")]
        [InlineData("snapshotters:\n  [overlayfs]\n", "snapshotters:\n  [overlayfs, soci]\n")]
        public async Task Enable_appends_soci_changing_only_the_list(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.True(edit.Changed);
            Assert.Equal(after, folder.Text);
            Assert.Equal("soci", edit.After[edit.After.Count - 1]);
        }

        [Theory]
        [InlineData("snapshotters:\n  - overlayfs\n", "snapshotters:\n  - soci\n  - overlayfs\n")]
        [InlineData("snapshotters:\n  # default first\n  - overlayfs\n", "snapshotters:\n  # default first\n  - soci\n  - overlayfs\n")]
        [InlineData("snapshotters: [overlayfs, soci]\n", "snapshotters: [soci, overlayfs]\n")]
        [InlineData("snapshotters: ['overlayfs']\n", "snapshotters: ['soci', 'overlayfs']\n")]
        [InlineData("snapshotters: [overlayfs,soci,stargz]\n", "snapshotters: [soci,overlayfs,stargz]\n")]
        [InlineData("cpus: 2\n", "cpus: 2\nsnapshotters:\n  - soci\n")]
        public async Task Enable_with_Default_puts_soci_first(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: true, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.Equal(after, folder.Text);
            Assert.Equal("soci", edit.After[0]);
        }

        [Theory]
        [InlineData("snapshotters:\n  - overlayfs\n  - soci\ncpus: 2\n", "snapshotters:\n  - overlayfs\ncpus: 2\n")]
        [InlineData("snapshotters:\n  - soci\n  - overlayfs\n", "snapshotters:\n  - overlayfs\n")]
        [InlineData("snapshotters:\n  - overlayfs\n  - soci", "snapshotters:\n  - overlayfs")]
        [InlineData("snapshotters:\n  - soci\ncpus: 2\n", "snapshotters: []\ncpus: 2\n")]
        [InlineData("snapshotters: # mine\n  - soci\r\n", "snapshotters: [] # mine\n")]
        [InlineData("snapshotters: [overlayfs, soci]\n", "snapshotters: [overlayfs]\n")]
        [InlineData("snapshotters: [soci, overlayfs]\n", "snapshotters: [overlayfs]\n")]
        [InlineData("snapshotters: [ soci ]\n", "snapshotters: []\n")]
        [InlineData("snapshotters: [soci, overlayfs, soci]\n", "snapshotters: [overlayfs]\n")]
        [InlineData("snapshotters: [\n  overlayfs,\n  soci,\n]\n", "snapshotters: [\n  overlayfs,\n]\n")]
        [InlineData("\r\nsnapshotters:\r\n  - overlayfs\r\n  - \"soci\"\r\n", "\r\nsnapshotters:\r\n  - overlayfs\r\n")]
        public async Task Disable_removes_soci_and_leaves_an_emptied_list_as_brackets(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            var edit = await FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.Equal(after, folder.Text);
            Assert.DoesNotContain("soci", edit.After);
        }

        [Fact]
        public async Task A_byte_order_mark_is_kept()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\n", byteOrderMark: true);

            await folder.EnableSociAsync();

            var expected = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("cpus: 2\nsnapshotters:\n  - soci\n"));
            Assert.Equal(expected, folder.Bytes);
        }

        [Theory]
        [InlineData("snapshotters: [soci]\n", false)]
        [InlineData("snapshotters:\n  - overlayfs\n  - soci\n", false)]
        [InlineData("snapshotters:\n  - soci\n  - overlayfs\n", true)]
        public async Task Enabling_twice_changes_nothing_the_second_time(string text, bool makeDefault)
        {
            using var folder = new ConfigFolder();
            folder.Write(text);
            var written = File.GetLastWriteTimeUtc(folder.ConfigPath);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault, CancellationToken.None);
            var backup = await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.False(edit.Changed);
            Assert.Null(backup);
            Assert.Equal(edit.Before, edit.After);
            Assert.Equal(text, folder.Text);
            Assert.False(File.Exists(folder.ConfigPath + ".bak"));
            Assert.Equal(written, File.GetLastWriteTimeUtc(folder.ConfigPath));
        }

        [Fact]
        public async Task Disabling_when_soci_is_absent_or_the_file_is_missing_changes_nothing()
        {
            using var folder = new ConfigFolder();

            var missing = await FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None);
            folder.Write("snapshotters: [overlayfs]\n");
            var absent = await FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None);

            Assert.False(missing.Changed);
            Assert.False(absent.Changed);
        }

        [Fact]
        public async Task A_missing_file_is_created_with_its_folder_and_no_backup()
        {
            using var folder = new ConfigFolder();

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            var backup = await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.True(edit.CreatesFile);
            Assert.Null(backup);
            Assert.Equal("snapshotters:\n  - soci\n", folder.Text);
        }

        [Fact]
        public async Task The_previous_file_is_kept_as_a_backup_and_no_temporary_file_is_left()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2 # mine\n");

            var backup = await folder.EnableSociAsync();

            Assert.Equal(folder.ConfigPath + ".bak", backup);
            Assert.Equal("cpus: 2 # mine\n", File.ReadAllText(backup!));
            // The lock file stays beside finch.yaml (see FileLock); nothing temporary does.
            Assert.Equal(new[] { "finch.yaml", "finch.yaml.bak", "finch.yaml.lock" }, Directory.GetFiles(Path.GetDirectoryName(folder.ConfigPath)!).Select(Path.GetFileName).OrderBy(n => n));
        }

        [Fact]
        public async Task The_replacement_keeps_the_files_permissions()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\n");
            File.SetUnixFileMode(folder.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            await folder.EnableSociAsync();

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.ConfigPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.ConfigPath + ".bak"));
        }

        [Fact]
        public async Task A_file_changed_after_planning_is_not_overwritten()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\n");
            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            folder.Write("cpus: 4\n");

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.WriteAsync(edit, CancellationToken.None));

            Assert.Contains("changed while SociTools was editing it", error.Message);
            Assert.Equal("cpus: 4\n", folder.Text);
        }

        [Theory]
        [InlineData("cpus: 2\nsnapshotters: [soci\n", "not valid YAML")]
        [InlineData("cpus: 2\n\tmemory: 4GiB\n", "not valid YAML")]
        [InlineData("snapshotters: soci\n", "holds the single value 'soci'")]
        [InlineData("snapshotters:\n  overlayfs: true\n", "holds a set of key: value pairs")]
        [InlineData("snapshotters:\n  - [soci]\n", "a name in each list item")]
        [InlineData("{cpus: 2}\n", "flow mapping")]
        public async Task Broken_or_odd_files_are_errors_that_leave_the_file_untouched(string text, string message)
        {
            using var folder = new ConfigFolder();
            folder.Write(text);

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None));

            Assert.Contains(message, error.Message);
            Assert.Equal(text, folder.Text);
            Assert.False(File.Exists(folder.ConfigPath + ".bak"));
        }

        [Fact]
        public async Task Invalid_YAML_error_names_the_line_and_column()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\nmemory: \"4GiB\n");

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None));

            Assert.Equal(2, error.Line);
            Assert.NotNull(error.Column);
            Assert.StartsWith(folder.ConfigPath + ", line 2, column ", error.Message);
        }

        [Fact]
        public async Task Commented_or_quoted_look_alikes_do_not_fool_the_edit()
        {
            using var folder = new ConfigFolder();
            var before = "# snapshotters:\n#   - soci\nnote: \"snapshotters: [soci]\"\nsnapshotters:\n  - overlayfs # not soci\n";
            folder.Write(before);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.Equal(new[] { "overlayfs" }, edit.Before);
            Assert.Equal(before + "  - soci\n", folder.Text);
        }

        [Fact]
        public async Task Unsupported_names_already_listed_are_kept_and_reported()
        {
            using var folder = new ConfigFolder();
            folder.Write("snapshotters: [stargz, overlayfs]\n");

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);

            Assert.Equal(new[] { "stargz", "overlayfs", "soci" }, edit.After);
            Assert.Equal(new[] { "stargz" }, FinchSettings.UnsupportedAmong(edit.After));
        }
    }
}
