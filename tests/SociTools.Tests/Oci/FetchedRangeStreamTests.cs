using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using Xunit;

namespace SociTools.Tests.Oci
{
    public class FetchedRangeStreamTests
    {
        private static readonly byte[] Blob = MakeBlob(20 * 1024 * 1024 + 123);

        [Fact]
        public async Task A_range_larger_than_a_chunk_is_fetched_in_chunks_as_it_is_read()
        {
            var fetches = new List<(long Offset, int Length)>();
            const long offset = 1000;
            var length = Blob.Length - 2000;

            using var range = await FetchedRangeStream.OpenAsync(Fetcher(fetches), offset, length, CancellationToken.None);
            var firstFetches = fetches.Count;
            var read = new MemoryStream();
            var buffer = new byte[100_000];
            int n;
            while ((n = range.Read(buffer, 0, buffer.Length)) > 0) read.Write(buffer, 0, n);

            Assert.Equal(1, firstFetches);
            Assert.Equal(Blob.AsSpan((int)offset, length).ToArray(), read.ToArray());
            Assert.Equal(new[] { (offset, FetchedRangeStream.MaxChunkSize), (offset + FetchedRangeStream.MaxChunkSize, FetchedRangeStream.MaxChunkSize),
                (offset + 2L * FetchedRangeStream.MaxChunkSize, length - 2 * FetchedRangeStream.MaxChunkSize) }, fetches);
            Assert.Equal(length, range.BytesFetched);
        }

        [Fact]
        public async Task A_fetch_that_returns_the_wrong_length_is_refused()
        {
            Func<long, int, CancellationToken, Task<byte[]>> shortFetch = (_, length, _) => Task.FromResult(new byte[length - 1]);

            var error = await Assert.ThrowsAsync<ContentVerificationException>(() => FetchedRangeStream.OpenAsync(shortFetch, 0, 500, CancellationToken.None));

            Assert.Contains("Asked for 500 bytes at offset 0", error.Message);
        }

        private static Func<long, int, CancellationToken, Task<byte[]>> Fetcher(List<(long, int)> fetches) => (offset, length, _) =>
        {
            fetches.Add((offset, length));
            return Task.FromResult(Blob.AsSpan((int)offset, length).ToArray());
        };

        private static byte[] MakeBlob(int size)
        {
            var blob = new byte[size];
            new Random(7).NextBytes(blob);
            return blob;
        }
    }
}
