using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    /// <summary>Odd but valid finch.yaml shapes found in review: each asserts the exact bytes written, or that nothing is.</summary>
    public class SnapshottersEditEdgeCaseTests
    {
        [Fact]
        public async Task A_symlinked_file_is_edited_at_its_target_and_stays_a_link()
        {
            using var folder = new ConfigFolder();
            var target = Path.Combine(folder.Folder, "dotfiles", "finch.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, "cpus: 2 # mine\n");
            Directory.CreateDirectory(Path.GetDirectoryName(folder.ConfigPath)!);
            File.CreateSymbolicLink(folder.ConfigPath, target);

            var backup = await folder.EnableSociAsync();

            Assert.Equal(target, new FileInfo(folder.ConfigPath).LinkTarget);
            Assert.Equal("cpus: 2 # mine\nsnapshotters:\n  - soci\n", File.ReadAllText(target));
            Assert.Equal(target + ".bak", backup);
            Assert.Null(new FileInfo(backup!).LinkTarget);
            Assert.Equal("cpus: 2 # mine\n", File.ReadAllText(backup!));
        }

        [Fact]
        public async Task A_link_to_a_missing_file_creates_its_target_and_stays_a_link()
        {
            using var folder = new ConfigFolder();
            var target = Path.Combine(folder.Folder, "dotfiles", "finch.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.CreateDirectory(Path.GetDirectoryName(folder.ConfigPath)!);
            File.CreateSymbolicLink(folder.ConfigPath, target);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            var backup = await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.True(edit.CreatesFile);
            Assert.Null(backup);
            Assert.Equal(target, new FileInfo(folder.ConfigPath).LinkTarget);
            Assert.Equal("snapshotters:\n  - soci\n", File.ReadAllText(target));
        }

        [Fact]
        public async Task A_created_file_and_folder_get_the_owner_only_modes_finch_gives_them()
        {
            using var folder = new ConfigFolder();

            await folder.EnableSociAsync();

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.ConfigPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(folder.ConfigPath)!));
        }

        [Theory]
        // A comment inside a flow list stays; only the soci item (and its own line, when it has one) goes.
        [InlineData("snapshotters: [overlayfs, # keep\n  soci]\n", "snapshotters: [overlayfs, # keep\n]\n")]
        [InlineData("snapshotters: [ # none but soci\n  soci\n]\n", "snapshotters: [ # none but soci\n]\n")]
        [InlineData("snapshotters: [\n  soci, # lazy\n  # the default\n  overlayfs\n]\n", "snapshotters: [\n  # the default\n  overlayfs\n]\n")]
        [InlineData("snapshotters: [soci, # lazy\n  overlayfs]\n", "snapshotters: [ # lazy\n  overlayfs]\n")]
        [InlineData("snapshotters: [\r\n  overlayfs, # keep\r\n  soci # lazy\r\n]\r\n", "snapshotters: [\r\n  overlayfs, # keep\r\n]\r\n")]
        public async Task Disable_keeps_comments_inside_a_flow_list(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            await folder.DisableSociAsync();

            Assert.Equal(after, folder.Text);
        }

        [Fact]
        public async Task Default_keeps_a_comment_between_flow_items()
        {
            using var folder = new ConfigFolder();
            folder.Write("snapshotters: [overlayfs, # keep\n  soci]\n");

            await folder.EnableSociAsync(makeDefault: true);

            Assert.Equal("snapshotters: [soci, overlayfs, # keep\n]\n", folder.Text);
        }

        [Theory]
        // A comment after the last item of a list spread over lines stays on that item's line.
        [InlineData("snapshotters: [\n  overlayfs # the default\n]\n", "snapshotters: [\n  overlayfs, # the default\n  soci\n]\n")]
        [InlineData("snapshotters: [\r\n  overlayfs, # the default\r\n]\r\n", "snapshotters: [\r\n  overlayfs, # the default\r\n  soci,\r\n]\r\n")]
        [InlineData("snapshotters: [\n  overlayfs,\n  stargz # try\n]\n", "snapshotters: [\n  overlayfs,\n  stargz, # try\n  soci\n]\n")]
        // A comment between the last two items is not copied as part of the separator.
        [InlineData("snapshotters: [overlayfs, # the default\n  stargz,\n]\n", "snapshotters: [overlayfs, # the default\n  stargz,\n  soci,\n]\n")]
        [InlineData("snapshotters: [overlayfs, # the default\r\n               stargz]\r\n", "snapshotters: [overlayfs, # the default\r\n               stargz,\r\n               soci]\r\n")]
        public async Task Enable_in_a_multi_line_flow_list_keeps_comments_on_their_items_lines(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            await folder.EnableSociAsync();

            Assert.Equal(after, folder.Text);
        }

        [Theory]
        // Moving soci first moves its whole line, so its comment comes along.
        [InlineData("snapshotters:\n  - overlayfs\n  - soci # lazy\n", "snapshotters:\n  - soci # lazy\n  - overlayfs\n")]
        [InlineData("snapshotters:\n  - overlayfs\n  - soci # lazy", "snapshotters:\n  - soci # lazy\n  - overlayfs")]
        [InlineData("snapshotters:\r\n  # first is the default\r\n  - overlayfs\r\n  - 'soci'  # lazy pulls\r\ncpus: 2\r\n",
            "snapshotters:\r\n  # first is the default\r\n  - 'soci'  # lazy pulls\r\n  - overlayfs\r\ncpus: 2\r\n")]
        [InlineData("snapshotters:\n- overlayfs\n- soci # one\n- soci # two\n", "snapshotters:\n- soci # one\n- overlayfs\n")]
        public async Task Default_moves_a_listed_soci_line_first_with_its_comment(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            await folder.EnableSociAsync(makeDefault: true);

            Assert.Equal(after, folder.Text);
        }

        [Theory]
        [InlineData("cpus: 2\n...\n", "cpus: 2\nsnapshotters:\n  - soci\n...\n")]
        [InlineData("---\r\ncpus: 2\r\n...\r\n# notes after the document\r\n", "---\r\ncpus: 2\r\nsnapshotters:\r\n  - soci\r\n...\r\n# notes after the document\r\n")]
        [InlineData("cpus: 2\n...", "cpus: 2\nsnapshotters:\n  - soci\n...")]
        public async Task A_missing_key_goes_before_the_document_end_marker(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            await folder.EnableSociAsync();

            Assert.Equal(after, folder.Text);
        }

        [Fact]
        public async Task A_block_scalar_item_is_refused_as_not_editable_without_blaming_another_key()
        {
            using var folder = new ConfigFolder();
            var text = "snapshotters:\n  - |\n    overlayfs\ncpus: 2\n";
            folder.Write(text);

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None));

            Assert.Equal(FinchConfigProblem.NotEditable, error.Problem);
            Assert.Contains("edit the list by hand", error.Message);
            Assert.DoesNotContain("cpus", error.Message);
            Assert.Equal(text, folder.Text);
        }

        [Fact]
        public void Aliases_read_as_the_value_their_anchor_names_as_Finch_reads_them()
        {
            using var folder = new ConfigFolder();
            folder.Write("x-lists:\n  lazy: &lazy [soci, overlayfs]\n  helpers: &helpers\n    - ecr-login\nsnapshotters: *lazy\ncreds_helpers: *helpers\n");

            var settings = FinchConfigFile.Read(folder.ConfigPath);

            Assert.Equal(new[] { "soci", "overlayfs" }, settings.Snapshotters);
            Assert.Equal(new[] { "ecr-login" }, settings.CredsHelpers);
        }

        [Theory]
        // The list is written elsewhere: editing it there could change other values that use it.
        [InlineData("x-default: &d [overlayfs]\nsnapshotters: *d\n", "is an alias")]
        // Another setting uses the same list: adding soci would add it there too.
        [InlineData("snapshotters: &s [overlayfs]\ncreds_helpers: *s\n", "creds_helpers")]
        public async Task A_list_shared_through_an_anchor_is_not_edited(string text, string message)
        {
            using var folder = new ConfigFolder();
            folder.Write(text);

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None));

            Assert.Equal(FinchConfigProblem.NotEditable, error.Problem);
            Assert.Contains(message, error.Message);
            Assert.Equal(text, folder.Text);
        }

        [Fact]
        public void An_alias_to_no_anchor_is_invalid_and_names_the_line()
        {
            using var folder = new ConfigFolder();
            folder.Write("cpus: 2\nsnapshotters: *missing\n");

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(folder.ConfigPath));

            Assert.Equal(FinchConfigProblem.Invalid, error.Problem);
            Assert.Equal(2, error.Line);
            Assert.Contains("*missing", error.Message);
        }

        [Theory]
        // Quoted keys are the same key.
        [InlineData("enable", "\"snapshotters\": [overlayfs]\n", "\"snapshotters\": [overlayfs, soci]\n")]
        [InlineData("disable", "'snapshotters' :\n  - soci\n", "'snapshotters' : []\n")]
        // Mixed line endings: a new item takes the line ending of the item it follows; a new key, the file's first line ending.
        [InlineData("enable", "cpus: 2\nsnapshotters:\r\n  - overlayfs\r\n", "cpus: 2\nsnapshotters:\r\n  - overlayfs\r\n  - soci\r\n")]
        [InlineData("enable", "cpus: 2\r\nmemory: 4GiB\n", "cpus: 2\r\nmemory: 4GiB\nsnapshotters:\r\n  - soci\r\n")]
        [InlineData("disable", "snapshotters:\n  - overlayfs\r\n  - soci", "snapshotters:\n  - overlayfs")]
        // Whitespace-only files.
        [InlineData("enable", "\r\n", "\r\nsnapshotters:\r\n  - soci\r\n")]
        [InlineData("enable", "   \n\n   # indented note\n", "   \n\n   # indented note\nsnapshotters:\n  - soci\n")]
        public async Task Odd_but_valid_layouts_change_only_the_list(string action, string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            var edit = action == "enable"
                ? await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None)
                : await FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.Equal(after, folder.Text);
        }

        [Theory]
        // finch itself writes lists indented by four (yaml.v3's style); a new list follows the file's own lists.
        [InlineData("cpus: 4\nadditional_directories:\n    - path: /Users/me\ncreds_helpers:\n    - osxkeychain\n",
            "cpus: 4\nadditional_directories:\n    - path: /Users/me\ncreds_helpers:\n    - osxkeychain\nsnapshotters:\n    - soci\n")]
        [InlineData("snapshotters:\ncreds_helpers:\n- osxkeychain\n", "snapshotters:\n- soci\ncreds_helpers:\n- osxkeychain\n")]
        [InlineData("creds_helpers: [osxkeychain]\n", "creds_helpers: [osxkeychain]\nsnapshotters:\n  - soci\n")]
        public async Task A_new_list_is_indented_like_the_files_other_lists(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            await folder.EnableSociAsync();

            Assert.Equal(after, folder.Text);
        }

        [Fact]
        public async Task A_file_holding_only_a_byte_order_mark_keeps_it()
        {
            using var folder = new ConfigFolder();
            folder.Write("", byteOrderMark: true);

            var edit = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: false, CancellationToken.None);
            await FinchConfigFile.WriteAsync(edit, CancellationToken.None);

            Assert.False(edit.CreatesFile);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("snapshotters:\n  - soci\n")), folder.Bytes);
        }

        [Fact]
        public async Task A_repeated_snapshotters_key_is_an_error_naming_both_lines_and_nothing_is_written()
        {
            using var folder = new ConfigFolder();
            var text = "snapshotters:\n  - overlayfs\ncpus: 2\n\"snapshotters\": [soci]\n";
            folder.Write(text);

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None));

            Assert.Equal(FinchConfigProblem.Invalid, error.Problem);
            Assert.Equal(4, error.Line);
            Assert.Contains("'snapshotters' appears again (first on line 1)", error.Message);
            Assert.Equal(text, folder.Text);
        }

        [Fact]
        public async Task A_list_repeating_soci_without_end_is_refused_rather_than_edited_item_by_item()
        {
            using var folder = new ConfigFolder();
            var text = "snapshotters: [" + string.Join(", ", Enumerable.Repeat("soci", 100_000)) + "]\n";
            folder.Write(text);

            var error = await Assert.ThrowsAsync<FinchConfigException>(() => FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None));

            Assert.Equal(FinchConfigProblem.NotEditable, error.Problem);
            Assert.Contains("names soci 100000 times", error.Message);
            Assert.Equal(text, folder.Text);
        }

        [Theory]
        [InlineData("snapshotters: !!null\n", "snapshotters: [soci]\n")]
        [InlineData("snapshotters: !!null ~ # off\n", "snapshotters: [soci] # off\n")]
        public async Task An_explicitly_tagged_null_reads_as_no_snapshotters(string before, string after)
        {
            using var folder = new ConfigFolder();
            folder.Write(before);

            var settings = FinchConfigFile.Read(folder.ConfigPath);
            await folder.EnableSociAsync();

            Assert.Empty(settings.Snapshotters);
            Assert.Equal(after, folder.Text);
        }
    }
}
