using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Soci;
using SociTools.Tests.Fixtures;
using Xunit;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Publishing;

namespace SociTools.Tests.Soci
{
    /// <summary>Publishing SOCI indexes into a layout lands whole or not at all, and concurrent runs lose and duplicate nothing.</summary>
    public class LayoutPublishingTests
    {
        private const string LockFile = "index.json.lock";

        [Fact]
        public async Task A_failure_after_the_ztocs_are_built_leaves_the_layout_exactly_as_before()
        {
            var (path, built, image) = await IndexedLayoutAsync("publish-fails", SociIndexVersion.V2);
            var layout = OciLayout.Open(path);
            // The image's manifest blob goes bad between indexing and publishing; converting it must fail.
            File.WriteAllText(layout.BlobPath(image.Digest), "{}");
            var before = Snapshot(path);

            await Assert.ThrowsAnyAsync<Exception>(() => LayoutSociPublisher.PublishAsync(layout, image, built, SociIndexVersion.V2, null, CancellationToken.None));

            Assert.Equal(before, Snapshot(path));
            Assert.False(File.Exists(layout.BlobPath(built[0].Build.Ztocs[0].Digest)));
        }

        [Fact]
        public async Task An_image_replaced_by_another_run_meanwhile_fails_with_LayoutChanged_and_writes_nothing()
        {
            var (path, built, image) = await IndexedLayoutAsync("publish-changed", SociIndexVersion.V2);
            var layout = OciLayout.Open(path);
            await layout.UpdateIndexAsync(index => { index.Manifests = new List<Descriptor>(); return index; });
            var before = Snapshot(path);

            var error = await Assert.ThrowsAsync<LayoutChangedException>(() => LayoutSociPublisher.PublishAsync(layout, image, built, SociIndexVersion.V2, null, CancellationToken.None));

            Assert.Contains(image.Digest.ToString(), error.Message);
            Assert.Contains("nothing was written", error.Message);
            Assert.Equal(before, Snapshot(path));
        }

        [Fact]
        public async Task Two_v2_runs_that_started_from_the_same_image_list_the_converted_image_once()
        {
            var (path, built, image) = await IndexedLayoutAsync("publish-twice", SociIndexVersion.V2);

            var first = await LayoutSociPublisher.PublishAsync(OciLayout.Open(path), image, built, SociIndexVersion.V2, null, CancellationToken.None);
            var second = await LayoutSociPublisher.PublishAsync(OciLayout.Open(path), image, built, SociIndexVersion.V2, null, CancellationToken.None);

            var listed = (await OciLayout.Open(path).ReadIndexAsync()).Manifests;
            var converted = Assert.Single(listed);
            Assert.Equal(first[0].SociEnabledImage!.Digest, converted.Digest);
            Assert.Equal(first[0].SociEnabledImage!.Digest, second[0].SociEnabledImage!.Digest);
            Assert.Equal("sample", converted.Annotation(LayoutReferences.RefNameAnnotation));
        }

        [Fact]
        public async Task Concurrent_v1_runs_from_separate_openers_each_list_their_index()
        {
            var spanSizes = Enumerable.Range(0, 8).Select(i => (1L << 18) + i * 4096).ToList();
            var (path, _, image) = await IndexedLayoutAsync("publish-v1-race", SociIndexVersion.V1);
            var builds = new List<IReadOnlyList<PlatformIndex>>();
            foreach (var spanSize in spanSizes) builds.Add(await BuildAsync(path, SociIndexVersion.V1, spanSize));
            var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            var runs = builds.Select(built => Task.Run(async () =>
            {
                await start.Task;
                // Each run opens the layout itself, as separate processes do.
                return await LayoutSociPublisher.PublishAsync(OciLayout.Open(path), image, built, SociIndexVersion.V1, null, CancellationToken.None);
            })).ToList();
            start.SetResult(true);
            await Task.WhenAll(runs);

            var listed = (await OciLayout.Open(path).ReadIndexAsync()).Manifests.Where(m => m.ArtifactType == MediaTypes.SociIndexV1).Select(m => m.Digest).ToList();
            var published = builds.Select(b => b[0].Build.IndexDescriptor.Digest).ToList();
            Assert.Equal(published.OrderBy(d => d.ToString()), listed.OrderBy(d => d.ToString()));
        }

        [Fact]
        public async Task Concurrent_index_updates_from_separate_openers_keep_every_entry()
        {
            var path = TestLayout.NewFolder("layout-race");
            OciLayout.Create(path);
            var entries = Enumerable.Range(0, 16).Select(i => new Descriptor
            {
                MediaType = MediaTypes.OciManifest,
                Digest = Digest.Compute(new[] { (byte)i }),
                Size = 1,
            }).ToList();
            var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            var updates = entries.Select(entry => Task.Run(async () =>
            {
                await start.Task;
                await OciLayout.Open(path).UpdateIndexAsync(index => { index.Manifests.Add(entry); return index; });
            })).ToList();
            start.SetResult(true);
            await Task.WhenAll(updates);

            var listed = (await OciLayout.Open(path).ReadIndexAsync()).Manifests.Select(m => m.Digest).ToList();
            Assert.Equal(entries.Select(e => e.Digest).OrderBy(d => d.ToString()), listed.OrderBy(d => d.ToString()));
        }

        [Fact]
        public async Task An_update_ended_without_commit_removes_the_blobs_it_added_and_keeps_those_already_there()
        {
            var path = TestLayout.NewFolder("layout-rollback");
            var layout = OciLayout.Create(path);
            var kept = await PushAsync(layout, "already here");
            var before = Snapshot(path);
            Descriptor added;

            using (var update = await layout.BeginUpdateAsync())
            {
                added = await PushAsync(update, "written by the update");
                await PushAsync(update, "already here");
                Assert.True(File.Exists(layout.BlobPath(added.Digest)));
            }

            Assert.Equal(before, Snapshot(path));
            Assert.True(File.Exists(layout.BlobPath(kept.Digest)));
            Assert.False(File.Exists(layout.BlobPath(added.Digest)));
        }

        [Fact]
        public async Task A_commit_cancelled_by_ctrl_c_leaves_index_json_and_blobs_as_before()
        {
            var path = TestLayout.NewFolder("layout-cancel");
            var layout = OciLayout.Create(path);
            var before = Snapshot(path);
            using var cancel = new CancellationTokenSource();

            using (var update = await layout.BeginUpdateAsync())
            {
                var added = await PushAsync(update, "a ztoc");
                cancel.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                    update.CommitAsync(index => { index.Manifests.Add(added); return index; }, cancel.Token));
            }

            Assert.Equal(before, Snapshot(path));
        }

        [Fact]
        public async Task A_committed_update_keeps_its_blobs_and_leaves_only_an_empty_lock_file_beside_index_json()
        {
            var path = TestLayout.NewFolder("layout-commit");
            var layout = OciLayout.Create(path);
            Descriptor added;

            using (var update = await layout.BeginUpdateAsync())
            {
                added = await PushAsync(update, "a ztoc");
                await update.CommitAsync(index => { index.Manifests.Add(added); return index; }, CancellationToken.None);
            }

            Assert.True(File.Exists(layout.BlobPath(added.Digest)));
            Assert.Equal(added.Digest, Assert.Single((await layout.ReadIndexAsync()).Manifests).Digest);
            Assert.Equal(0, new FileInfo(Path.Combine(path, LockFile)).Length);
        }

        private static async Task<Descriptor> PushAsync(IContentWriter store, string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var descriptor = new Descriptor { MediaType = MediaTypes.SociZtoc, Digest = Digest.Compute(bytes), Size = bytes.Length };
            using var content = new MemoryStream(bytes);
            await store.PushAsync(descriptor, content, CancellationToken.None);
            return descriptor;
        }

        /// <summary>Every file but the lock file, which stays once a layout has been written (see FileLock).</summary>
        private static IReadOnlyDictionary<string, string> Snapshot(string path) =>
            TestLayout.Snapshot(path).Where(f => f.Key != LockFile).ToDictionary(f => f.Key, f => f.Value);

        private static async Task<(string Path, IReadOnlyList<PlatformIndex> Built, Descriptor Image)> IndexedLayoutAsync(string purpose, SociIndexVersion version)
        {
            var layer = TestLayer.Varied(seed: 11, bigFileSize: 1 << 20);
            var written = TestLayout.Create(TestLayout.NewFolder(purpose), new[] { (TestLayout.GzipLayer, layer.Gzip, layer.Tar) });
            var built = await BuildAsync(written.Path, version, 1 << 18);
            var image = await OciLayout.Open(written.Path).ResolveImageAsync(null);
            return (written.Path, built, image);
        }

        private static async Task<IReadOnlyList<PlatformIndex>> BuildAsync(string path, SociIndexVersion version, long spanSize)
        {
            var layout = OciLayout.Open(path);
            var image = await layout.ResolveImageAsync(null);
            var platforms = await ImagePlatforms.SelectAsync(layout, image, PlatformSelection.All, CancellationToken.None);
            var options = new SociIndexBuildOptions { IndexVersion = version, MinLayerSize = 0, SpanSize = spanSize };
            return await new SociImageIndexer(options, layout).IndexAsync(platforms, null, null, CancellationToken.None);
        }
    }
}
