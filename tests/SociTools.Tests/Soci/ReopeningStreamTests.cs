using System;
using System.IO;
using System.Threading.Tasks;
using SociTools.Core.Soci;
using Xunit;
using SociTools.Core.IO;

namespace SociTools.Tests.Soci
{
    public class ReopeningStreamTests
    {
        [Fact]
        public async Task Going_back_to_the_start_opens_the_source_again_and_reads_it_whole()
        {
            var content = new byte[50_000];
            new Random(9).NextBytes(content);
            var opened = 0;
            using var stream = new ReopeningStream(() => { opened++; return new MemoryStream(content); });

            await stream.ReadAsync(new byte[20_000], 0, 20_000);
            stream.Position = 0;
            var again = new MemoryStream();
            await stream.CopyToAsync(again);

            Assert.Equal(content, again.ToArray());
            Assert.Equal(2, opened);
            Assert.Throws<NotSupportedException>(() => stream.Seek(5, SeekOrigin.Begin));
        }
    }
}
