using System.IO;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    public class FinchConfigFileTests
    {
        [Fact]
        public void Reads_every_known_setting_from_a_commented_macOS_file()
        {
            using var folder = new ConfigFolder();
            var path = folder.Write(
                "# Finch settings\n" +
                "cpus: 4\n" +
                "memory: 8GiB   # half the Mac\n" +
                "additional_directories:\n" +
                "  - path: /Volumes/work\n" +
                "rosetta: false\n" +
                "bootdisk: 100GiB\n" +
                "datadisk: 60GiB\n" +
                "vmnet: yes\n" +
                "vmType: vz\n" +
                "auto_vm_start: False\n" +
                "snapshotters:\n" +
                "  - soci\n" +
                "  - 'overlayfs'\n" +
                "creds_helpers: [ecr-login]\n" +
                "experimental:\n" +
                "  mountInotify: true\n" +
                "dockercompat: true\n" +
                "my_own_key: 1\n");

            var settings = FinchConfigFile.Read(path);

            Assert.True(settings.Exists);
            Assert.Equal(path, settings.ConfigPath);
            Assert.Equal(4, settings.Cpus);
            Assert.Equal("8GiB", settings.Memory);
            Assert.Equal(new[] { "/Volumes/work" }, settings.AdditionalDirectories);
            Assert.False(settings.Rosetta);
            Assert.Equal("100GiB", settings.BootDisk);
            Assert.Equal("60GiB", settings.DataDisk);
            Assert.True(settings.VmNet);
            Assert.Equal("vz", settings.VmType);
            Assert.False(settings.AutoVmStart);
            Assert.Equal(new[] { "soci", "overlayfs" }, settings.Snapshotters);
            Assert.Equal("soci", settings.DefaultSnapshotter);
            Assert.True(settings.SociEnabled);
            Assert.Equal(new[] { "ecr-login" }, settings.CredsHelpers);
            Assert.True(settings.MountInotify);
            Assert.True(settings.DockerCompat);
            Assert.Equal(new[] { "my_own_key" }, settings.UnknownKeys);
            Assert.Equal(13, settings.SetKeys.Count);
        }

        [Fact]
        public void A_missing_file_reads_as_defaults_with_no_snapshotters()
        {
            using var folder = new ConfigFolder();

            var settings = FinchConfigFile.Read(folder.ConfigPath);

            Assert.False(settings.Exists);
            Assert.Empty(settings.Snapshotters);
            Assert.Equal("overlayfs", settings.DefaultSnapshotter);
            Assert.Null(settings.Cpus);
            Assert.Empty(settings.SetKeys);
        }

        [Theory]
        [InlineData("")]
        [InlineData("# nothing yet\n")]
        [InlineData("---\n")]
        [InlineData("snapshotters:\n")]
        [InlineData("snapshotters: ~\n")]
        [InlineData("snapshotters: []\n")]
        public void Empty_files_and_empty_lists_have_no_snapshotters(string text)
        {
            using var folder = new ConfigFolder();

            var settings = FinchConfigFile.Read(folder.Write(text));

            Assert.Empty(settings.Snapshotters);
            Assert.False(settings.SociEnabled);
        }

        [Fact]
        public void Reads_a_CRLF_file_with_a_byte_order_mark_and_reports_unsupported_snapshotters()
        {
            using var folder = new ConfigFolder();

            var settings = FinchConfigFile.Read(folder.Write("cpus: 2\r\nsnapshotters: [overlayfs, stargz, soci]\r\n", byteOrderMark: true));

            Assert.Equal(2, settings.Cpus);
            Assert.Equal(new[] { "overlayfs", "stargz", "soci" }, settings.Snapshotters);
            Assert.Equal(new[] { "stargz" }, settings.UnsupportedSnapshotters);
        }

        [Fact]
        public void Invalid_YAML_names_the_line_and_column()
        {
            using var folder = new ConfigFolder();
            var path = folder.Write("cpus: 2\nsnapshotters: [soci\nmemory: 4GiB\n");

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(path));

            Assert.Equal(path, error.Path);
            Assert.NotNull(error.Line);
            Assert.NotNull(error.Column);
            Assert.Contains($"line {error.Line}, column {error.Column}", error.Message);
            Assert.Contains("not valid YAML", error.Message);
        }

        [Theory]
        [InlineData("cpus: 2\nsnapshotters:\n\t- soci\n", 3, 1)]
        [InlineData("cpus: 2\nmemory: 4GiB\nsnapshotters:\n  - soci\n\t- overlayfs\n", 5, 1)]
        [InlineData("cpus: 2\r\nsnapshotters:\r\n\t- soci\r\n", 3, 1)]
        public void A_tab_in_an_indentation_is_reported_where_the_tab_is(string text, int line, int column)
        {
            using var folder = new ConfigFolder();
            var path = folder.Write(text);

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(path));

            Assert.Contains("not valid YAML", error.Message);
            Assert.Contains("tab", error.Message);
            Assert.Equal(line, error.Line);
            Assert.Equal(column, error.Column);
            Assert.Contains($"line {line}, column {column}:", error.Message);
        }

        [Theory]
        [InlineData("snapshotters: soci\n", "'snapshotters' holds the single value 'soci', but Finch expects a list of names there.", 1, 15)]
        [InlineData("cpus: 2\nsnapshotters:\n  soci: true\n", "'snapshotters' holds a set of key: value pairs", 3, 3)]
        [InlineData("cpus: many\n", "'cpus' holds the single value 'many', but Finch expects a whole number there.", 1, 7)]
        [InlineData("cpus: 2\ncpus: 4\n", "the key 'cpus' appears again (first on line 1)", 2, 1)]
        // yaml.v3 decodes a quoted value only as text: finch would refuse these files.
        [InlineData("cpus: \"4\"\n", "'cpus' holds the single value '4', but Finch expects a whole number written without quotes there.", 1, 7)]
        [InlineData("memory: 4GiB\nrosetta: 'true'\n", "'rosetta' holds the single value 'true', but Finch expects true or false written without quotes there.", 2, 10)]
        [InlineData("dockercompat: !!str false\n", "'dockercompat' holds the single value 'false', but Finch expects true or false written without quotes there.", 1, 15)]
        [InlineData("- soci\n", "the file holds a list where Finch expects 'key: value' settings.", 1, 1)]
        public void Wrongly_shaped_settings_are_errors_naming_the_line(string text, string message, int line, int column)
        {
            using var folder = new ConfigFolder();
            var path = folder.Write(text);

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(path));

            Assert.Contains(message, error.Message);
            Assert.Equal(line, error.Line);
            Assert.Equal(column, error.Column);
        }

        [Fact]
        public void Quoted_YAML_1_1_words_still_read_as_bools_as_yaml_v3_reads_them()
        {
            using var folder = new ConfigFolder();
            var path = folder.Write("rosetta: 'yes'\nvmnet: \"off\"\ndockercompat: on\n");

            var settings = FinchConfigFile.Read(path);

            Assert.True(settings.Rosetta);
            Assert.False(settings.VmNet);
            Assert.True(settings.DockerCompat);
        }

        [Fact]
        public void A_UTF16_file_is_refused_with_advice()
        {
            using var folder = new ConfigFolder();
            Directory.CreateDirectory(Path.GetDirectoryName(folder.ConfigPath)!);
            File.WriteAllBytes(folder.ConfigPath, new byte[] { 0xFF, 0xFE, (byte)'a', 0, (byte)':', 0 });

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(folder.ConfigPath));

            Assert.Contains("UTF-16", error.Message);
        }

        [Theory]
        // Inputs on which the YAML reader itself fails with other exceptions than its parse error (found by fuzzing).
        [InlineData("snapshotters: !!null[\n  soci\n]\n")]
        [InlineData("snapshotters: ~ # none\nadditional_directories:\n - path: /Users/me\n:")]
        [InlineData("x: &a [soc!!nulli]*a\nsnapshotters: *a\n")]
        public void Input_that_trips_the_YAML_reader_is_still_a_FinchConfigInvalid_error(string text)
        {
            using var folder = new ConfigFolder();
            var path = folder.Write(text);

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(path));

            Assert.Equal(FinchConfigProblem.Invalid, error.Problem);
            Assert.Contains("not valid YAML", error.Message);
            Assert.True(error.Line >= 1, error.Message);
            Assert.Contains("the YAML reader stopped between here", error.Message);
        }

        [Fact]
        public void Hostile_nesting_is_refused_without_exhausting_the_stack()
        {
            using var folder = new ConfigFolder();
            var path = folder.Write("snapshotters: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

            var error = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(path));

            Assert.Contains("nests deeper than 64 levels", error.Message);
        }

        [Fact]
        public void A_folder_or_an_oversized_file_is_refused_with_advice()
        {
            using var folder = new ConfigFolder();
            var big = Path.Combine(folder.Folder, "big.yaml");
            File.WriteAllBytes(big, new byte[FinchConfigFile.MaxSize + 1]);

            var isFolder = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(folder.Folder));
            var tooBig = Assert.Throws<FinchConfigException>(() => FinchConfigFile.Read(big));

            Assert.Contains("this is a folder", isFolder.Message);
            Assert.Contains("larger than the 1048576 bytes", tooBig.Message);
        }
    }
}
