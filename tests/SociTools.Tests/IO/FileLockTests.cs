using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using Xunit;

namespace SociTools.Tests.IO
{
    public sealed class FileLockTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "file-lock-" + Guid.NewGuid().ToString("n"));

        public FileLockTests() => Directory.CreateDirectory(_folder);

        private string LockPath => Path.Combine(_folder, "index.json.lock");

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task A_second_holder_waits_until_the_first_releases()
        {
            var first = await FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None);

            var second = FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None);
            Assert.False(second.IsCompleted);
            first.Dispose();

            using var held = await second;
            Assert.Equal(LockPath, held.Path);
        }

        [Fact]
        public async Task Gives_up_after_the_bounded_wait_with_an_error_naming_the_lock_and_what_it_guards()
        {
            using var first = await FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None);

            var error = await Assert.ThrowsAsync<FileLockTimeoutException>(() =>
                FileLock.AcquireAsync(LockPath, "the test file", TimeSpan.FromMilliseconds(200), CancellationToken.None));

            Assert.Equal(LockPath, error.LockPath);
            Assert.Contains("the test file", error.Message);
            Assert.Contains(LockPath, error.Message);
            Assert.Contains("nothing was changed", error.Message);
        }

        [Fact]
        public async Task A_waiter_stops_at_once_when_cancelled()
        {
            using var first = await FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None);
            using var cancel = new CancellationTokenSource();

            var waiting = FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, cancel.Token);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        [Fact]
        public async Task Excludes_another_process_both_ways()
        {
            using var other = new LockHolderProcess(LockPath);
            var mine = await FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None);

            Assert.Equal("busy", await other.SendAsync("try"));
            mine.Dispose();
            Assert.Equal("held", await other.SendAsync("try"));
            await Assert.ThrowsAsync<FileLockTimeoutException>(() =>
                FileLock.AcquireAsync(LockPath, "the test file", TimeSpan.FromMilliseconds(300), CancellationToken.None));
            Assert.Equal("released", await other.SendAsync("release"));
            using var again = await FileLock.AcquireAsync(LockPath, "the test file", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        }

        [Fact]
        public async Task The_lock_file_stays_after_release_so_waiters_and_newcomers_lock_the_same_file()
        {
            using (await FileLock.AcquireAsync(LockPath, "the test file", FileLock.DefaultWait, CancellationToken.None))
            {
            }

            Assert.True(File.Exists(LockPath));
            using var again = await FileLock.AcquireAsync(LockPath, "the test file", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        }
    }
}
