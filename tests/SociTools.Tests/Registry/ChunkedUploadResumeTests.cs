using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using Xunit;

namespace SociTools.Tests.Registry
{
    /// <summary>Blob uploads broken part-way (connection cut mid-body, 429, 500) resume or restart, and never commit wrong bytes.</summary>
    [Collection(RegistryCollection.Name)]
    public class ChunkedUploadResumeTests
    {
        private const int ChunkSize = 64 * 1024;
        private readonly RegistryFixture _registries;

        public ChunkedUploadResumeTests(RegistryFixture registries) => _registries = registries;

        private static (RegistryClient Client, RecordedWaits Waits) ClientThrough(int maxAttempts = 4)
        {
            var waits = new RecordedWaits();
            return (new RegistryClient(new RegistryClientOptions { Retry = waits.Policy(maxAttempts, TimeSpan.FromMilliseconds(1)), ChunkSize = ChunkSize }), waits);
        }

        private static (byte[] Content, Descriptor Descriptor) Blob(int size, int seed)
        {
            var content = new byte[size];
            new Random(seed).NextBytes(content);
            return (content, TestImage.Describe("application/octet-stream", content));
        }

        private async Task AssertStoredAsync(string repositoryName, Descriptor descriptor, byte[] content)
        {
            using var direct = new RegistryClient();
            await using var stream = await direct.OpenBlobAsync(_registries.Anonymous.Repository(repositoryName), descriptor, CancellationToken.None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        [Fact]
        public async Task Chunk_cut_off_mid_body_is_uploaded_again_and_the_blob_reads_back()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(5 * ChunkSize + 1000, seed: 1);
            proxy.PassBlobUploads(2);
            proxy.CutBlobUploads(1);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/cut-chunk"), descriptor, new OneWayStream(content), CancellationToken.None);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            await AssertStoredAsync("resume/cut-chunk", descriptor, content);
        }

        [Fact]
        public async Task Chunk_cut_off_before_its_body_resumes_in_the_same_session_at_the_offset_the_registry_reports()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(3 * ChunkSize + 7, seed: 5);
            proxy.PassBlobUploads(1);
            proxy.CutBlobUploadsAfterHead(1);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/cut-before-body"), descriptor, new OneWayStream(content), CancellationToken.None);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            Assert.Single(proxy.Requests, r => r.Method == "POST");
            Assert.Single(proxy.Requests, r => r.Method == "GET" && r.Path.Contains("/blobs/uploads/"));
            var patches = proxy.Requests.Where(r => r.Method == "PATCH").Select(r => r.Header("Content-Range")).ToList();
            Assert.Equal(new[] { $"0-{ChunkSize - 1}", $"{ChunkSize}-{2 * ChunkSize - 1}", $"{ChunkSize}-{2 * ChunkSize - 1}", $"{2 * ChunkSize}-{3 * ChunkSize - 1}", $"{3 * ChunkSize}-{3 * ChunkSize + 6}" }, patches);
            await AssertStoredAsync("resume/cut-before-body", descriptor, content);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Chunk_cut_off_mid_body_on_a_registry_that_drops_the_session_starts_a_new_session(bool seekableContent)
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(3 * ChunkSize, seed: seekableContent ? 7 : 6);
            var repository = "resume/new-session-" + (seekableContent ? "seekable" : "one-way");
            proxy.PassBlobUploads(1);
            proxy.CutBlobUploads(1);

            Stream source = seekableContent ? new MemoryStream(content) : new OneWayStream(content);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/{repository}"), descriptor, source, CancellationToken.None);

            // distribution cancels an upload that took part of a chunk, so the content goes again from its first byte.
            Assert.Equal(2, proxy.Requests.Count(r => r.Method == "POST"));
            Assert.Equal(2, proxy.Requests.Count(r => r.Method == "PATCH" && r.Header("Content-Range") == $"0-{ChunkSize - 1}"));
            await AssertStoredAsync(repository, descriptor, content);
        }

        [Fact]
        public async Task Session_cancelled_after_its_status_check_starts_a_new_session()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(3 * ChunkSize, seed: 8);
            proxy.PassBlobUploads(1);
            proxy.CutBlobUploadsAfterHead(1);
            proxy.ForgetBlobUploads(1);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/cancelled-late"), descriptor, new OneWayStream(content), CancellationToken.None);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            Assert.Equal(2, proxy.Requests.Count(r => r.Method == "POST"));
            await AssertStoredAsync("resume/cancelled-late", descriptor, content);
        }

        [Fact]
        public async Task Unknown_upload_without_an_earlier_fault_is_an_error()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(2 * ChunkSize, seed: 9);
            proxy.ForgetBlobUploads(1);

            var error = await Assert.ThrowsAsync<RegistryException>(() =>
                client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/unknown-upload"), descriptor, new OneWayStream(content), CancellationToken.None));

            Assert.Contains("BLOB_UPLOAD_INVALID", error.Message);
            Assert.Single(proxy.Requests, r => r.Method == "POST");
        }

        [Fact]
        public async Task Final_put_cut_off_mid_body_is_uploaded_again_and_the_blob_reads_back()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(ChunkSize / 2, seed: 2);
            proxy.CutBlobUploads(2);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/cut-put"), descriptor, new OneWayStream(content), CancellationToken.None);

            Assert.Equal(0, proxy.UploadFaultsLeft);
            await AssertStoredAsync("resume/cut-put", descriptor, content);
        }

        [Fact]
        public async Task Throttled_chunk_waits_as_told_then_continues_where_the_registry_says_the_upload_stands()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, waits) = ClientThrough();
            using var __ = client;
            var (content, descriptor) = Blob(3 * ChunkSize, seed: 3);
            proxy.PassBlobUploads(1);
            proxy.ThrottleBlobUploads(1, retryAfterSeconds: 3);
            proxy.FailBlobUploads(1);

            await client.PushBlobAsync(Reference.Parse($"{proxy.Host}/resume/throttled"), descriptor, new OneWayStream(content), CancellationToken.None);

            Assert.Contains(TimeSpan.FromSeconds(3), waits.Waits);
            var statusChecks = proxy.Requests.Where(r => r.Method == "GET" && r.Path.Contains("/blobs/uploads/")).ToList();
            Assert.Equal(2, statusChecks.Count);
            var patches = proxy.Requests.Where(r => r.Method == "PATCH").Select(r => r.Header("Content-Range")).ToList();
            Assert.Equal(new[] { $"0-{ChunkSize - 1}", $"{ChunkSize}-{2 * ChunkSize - 1}", $"{ChunkSize}-{2 * ChunkSize - 1}", $"{ChunkSize}-{2 * ChunkSize - 1}", $"{2 * ChunkSize}-{3 * ChunkSize - 1}" }, patches);
            await AssertStoredAsync("resume/throttled", descriptor, content);
        }

        [Fact]
        public async Task Uploads_cut_off_more_often_than_the_retry_limit_fail_with_a_network_error_and_commit_nothing()
        {
            using var proxy = new FaultProxy(_registries.Anonymous.Port);
            var (client, _) = ClientThrough(maxAttempts: 3);
            using var __ = client;
            var (content, descriptor) = Blob(2 * ChunkSize + 10, seed: 4);
            var repository = Reference.Parse($"{proxy.Host}/resume/always-cut");
            proxy.CutBlobUploads(100);

            var error = await Assert.ThrowsAsync<RegistryException>(() => client.PushBlobAsync(repository, descriptor, new OneWayStream(content), CancellationToken.None));

            Assert.Equal(RegistryErrorKind.Network, error.Kind);
            Assert.Contains(descriptor.Digest.ToString(), error.Message);
            Assert.Null(await client.HeadBlobAsync(repository, descriptor.Digest, CancellationToken.None));
        }
    }
}
