using SociTools.Core.IO;
using Xunit;

namespace SociTools.Tests.IO
{
    public class LayerFileNameTests
    {
        [Theory]
        [InlineData("app/bin/tool", "tool")]
        [InlineData("/etc/os-release", "os-release")]
        [InlineData("app/dir/", "dir")]
        [InlineData("app/..hidden", "..hidden")]
        [InlineData("app/name with spaces.txt", "name with spaces.txt")]
        [InlineData("app/CONFIG.SYS", "CONFIG.SYS")]
        public void A_plain_name_is_the_last_segment(string pathInLayer, string expected)
        {
            Assert.Equal(expected, LayerFileName.Of(pathInLayer, windows: false));
            Assert.Equal(expected, LayerFileName.Of(pathInLayer, windows: true));
        }

        [Theory]
        [InlineData("app/..", "names a folder")]
        [InlineData("app/.", "names a folder")]
        [InlineData("..", "names a folder")]
        [InlineData("/", "is empty")]
        [InlineData("app/..\\..\\x", "holds '\\', ':' or NUL")]
        [InlineData("app/C:\\Windows\\x.dll", "holds '\\', ':' or NUL")]
        [InlineData("app/C:x", "holds '\\', ':' or NUL")]
        [InlineData("app/file:stream", "holds '\\', ':' or NUL")]
        [InlineData("app/nul\0byte", "holds '\\', ':' or NUL")]
        public void A_name_that_could_leave_the_folder_is_refused_on_every_os(string pathInLayer, string problem)
        {
            foreach (var windows in new[] { false, true })
            {
                var error = Assert.Throws<UnsafeFileNameException>(() => LayerFileName.Of(pathInLayer, windows));

                Assert.Contains(problem, error.Message);
                Assert.Contains($"'{pathInLayer}'", error.Message);
                Assert.Equal(pathInLayer, error.PathInLayer);
            }
        }

        [Theory]
        [InlineData("app/CON", "Windows device name")]
        [InlineData("app/nul.txt", "Windows device name")]
        [InlineData("app/com1", "Windows device name")]
        [InlineData("app/LPT9.log", "Windows device name")]
        [InlineData("app/conout$", "Windows device name")]
        [InlineData("app/trailing.", "ends with a dot or a space")]
        [InlineData("app/trailing ", "ends with a dot or a space")]
        [InlineData("app/what?", "a character Windows does not allow")]
        [InlineData("app/a|b", "a character Windows does not allow")]
        [InlineData("app/tab\there", "a character Windows does not allow")]
        public void A_name_windows_would_not_write_as_a_plain_file_is_refused_there_only(string pathInLayer, string problem)
        {
            var error = Assert.Throws<UnsafeFileNameException>(() => LayerFileName.Of(pathInLayer, windows: true));

            Assert.Contains(problem, error.Message);
            Assert.Equal(pathInLayer.Substring(4), LayerFileName.Of(pathInLayer, windows: false));
        }
    }
}
