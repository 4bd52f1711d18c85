using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using SociTools.Tests.Oci;
using Xunit;

namespace SociTools.Tests.IO
{
    public class DestinationFileTests
    {
        [Fact]
        public async Task A_file_created_at_the_destination_during_the_write_is_kept_without_overwrite()
        {
            using var folder = new TemporaryDirectory();
            var destination = folder.Combine("out.bin");

            var error = await Assert.ThrowsAsync<DestinationExistsException>(() => DestinationFile.WriteAsync(destination, overwrite: false,
                (output, token) => WriteWhileAnotherWriterCreates(output, destination, "theirs"), CancellationToken.None));

            Assert.Equal("theirs", File.ReadAllText(destination));
            Assert.Equal(destination, error.Path);
            Assert.Contains("use -Force", error.Message);
            Assert.Equal(new[] { "out.bin" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        }

        [Fact]
        public async Task With_overwrite_a_file_created_during_the_write_is_replaced_by_the_new_bytes()
        {
            using var folder = new TemporaryDirectory();
            var destination = folder.Combine("out.bin");

            var result = await DestinationFile.WriteAsync(destination, overwrite: true,
                (output, token) => WriteWhileAnotherWriterCreates(output, destination, "theirs"), CancellationToken.None);

            Assert.Equal(5, result);
            Assert.Equal("ours!", File.ReadAllText(destination));
            Assert.Equal(new[] { "out.bin" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        }

        [Fact]
        public async Task A_failed_write_leaves_neither_a_destination_nor_a_temporary_file()
        {
            using var folder = new TemporaryDirectory();
            var destination = folder.Combine("out.bin");

            await Assert.ThrowsAsync<InvalidDataException>(() => DestinationFile.WriteAsync<int>(destination, overwrite: false,
                async (output, token) =>
                {
                    await output.WriteAsync(new byte[100], 0, 100, token);
                    throw new InvalidDataException("the source went bad");
                }, CancellationToken.None));

            Assert.Empty(Directory.GetFiles(folder.Path));
        }

        [Fact]
        public void The_no_clobber_move_keeps_an_existing_file_and_moves_onto_a_free_name()
        {
            using var folder = new TemporaryDirectory();
            var source = folder.Combine("source");
            var taken = folder.Combine("taken");
            var free = folder.Combine("free");
            File.WriteAllText(source, "new");
            File.WriteAllText(taken, "old");

            var ontoTaken = NoClobberMove.TryMove(source, taken);
            var ontoFree = NoClobberMove.TryMove(source, free);

            Assert.False(ontoTaken);
            Assert.True(ontoFree);
            Assert.Equal("old", File.ReadAllText(taken));
            Assert.Equal("new", File.ReadAllText(free));
            Assert.False(File.Exists(source));
        }

        private static async Task<int> WriteWhileAnotherWriterCreates(Stream output, string destination, string theirs)
        {
            var ours = System.Text.Encoding.ASCII.GetBytes("ours!");
            await output.WriteAsync(ours, 0, ours.Length);
            File.WriteAllText(destination, theirs);
            return ours.Length;
        }
    }
}
