using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Ztoc;
using Xunit;
using SociTools.Core.Soci.ImageFiles;

namespace SociTools.Tests.Soci
{
    public class WhiteoutResolverTests
    {
        [Fact]
        public void A_layer_that_has_the_file_shows_it_even_beside_its_own_whiteout()
        {
            var layer = Layer(("usr/bin/tool", "reg"), ("usr/bin/.wh.tool", "reg"), ("usr/.wh..wh..opq", "reg"));

            var verdict = new WhiteoutResolver("/usr/bin/tool").Examine(layer, "top");

            Assert.Equal(LayerPathState.Present, verdict.State);
            Assert.Equal("usr/bin/tool", verdict.Entry!.Name.ToString());
        }

        [Theory]
        [InlineData(".wh..wh..opq", "makes the root directory opaque")]
        [InlineData(".wh.usr", "deletes '/usr' with the whiteout '/.wh.usr'")]
        [InlineData("usr/.wh..wh..opq", "makes '/usr' opaque")]
        [InlineData("usr/bin/.wh..wh..opq", "makes '/usr/bin' opaque")]
        [InlineData("usr/bin/.wh.tool", "deletes '/usr/bin/tool'")]
        public void Whiteouts_and_opaque_directories_hide_the_file_of_lower_layers(string marker, string explanation)
        {
            var verdict = new WhiteoutResolver("usr/bin/tool").Examine(Layer((marker, "reg")), "top");

            Assert.Equal(LayerPathState.Hidden, verdict.State);
            Assert.Contains(explanation, verdict.Explanation);
        }

        [Fact]
        public void An_ancestor_replaced_by_a_symlink_hides_the_file_and_names_the_target()
        {
            var layer = Layer(("./lib", "symlink"));

            var verdict = new WhiteoutResolver("/lib/libc.so.6").Examine(layer, "top");

            Assert.Equal(LayerPathState.Hidden, verdict.State);
            Assert.Contains("'/lib' is a symlink to 'usr/lib'", verdict.Explanation);
        }

        [Fact]
        public void Other_files_and_directories_leave_the_path_to_lower_layers()
        {
            var layer = Layer(("usr/", "dir"), ("usr/bin/", "dir"), ("usr/bin/other", "reg"), ("usr/bin/.wh.tool2", "reg"), ("usr/lib/.wh..wh..opq", "reg"));

            var verdict = new WhiteoutResolver("usr/bin/tool").Examine(layer, "top");

            Assert.Equal(LayerPathState.Absent, verdict.State);
        }

        private static System.Collections.Generic.IReadOnlyDictionary<string, FileMetadata> Layer(params (string Name, string Type)[] entries) =>
            WhiteoutResolver.EntriesByPath(entries.Select(e => new FileMetadata { Name = e.Name, Type = e.Type, Linkname = e.Type == "symlink" ? "usr/lib" : "" }));
    }
}
