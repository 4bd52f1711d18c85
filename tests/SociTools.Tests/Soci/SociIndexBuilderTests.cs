using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Building;

namespace SociTools.Tests.Soci
{
    public class SociIndexBuilderTests
    {
        private static Task<LayerZtoc> BuildZtoc(Descriptor layer, CancellationToken token) => Task.FromResult(ZtocFor(layer));

        [Fact]
        public async Task Builds_v2_index_bytes_with_ztocs_in_layer_order_and_no_subject()
        {
            var big = Layer("big", 20 * MiB);
            var small = Layer("small", 1 * MiB);
            var tar = Layer("tar", 11 * MiB, MediaTypes.DockerLayerTar);
            var manifest = Manifest(big, small, tar);

            var result = await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, null, CancellationToken.None);

            var bigZtoc = ZtocFor(big);
            var tarZtoc = ZtocFor(tar);
            var expected =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                "\"config\":{\"mediaType\":\"application/vnd.amazon.soci.index.v2+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}," +
                "\"layers\":[" +
                "{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + bigZtoc.Digest + "\",\"size\":" + bigZtoc.Size + "," +
                "\"annotations\":{\"com.amazon.soci.image-layer-digest\":\"" + big.Digest + "\",\"com.amazon.soci.image-layer-mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"com.amazon.soci.span-size\":\"4194304\"}}," +
                "{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + tarZtoc.Digest + "\",\"size\":" + tarZtoc.Size + "," +
                "\"annotations\":{\"com.amazon.soci.image-layer-digest\":\"" + tar.Digest + "\",\"com.amazon.soci.image-layer-mediaType\":\"application/vnd.docker.image.rootfs.diff.tar\",\"com.amazon.soci.span-size\":\"4194304\"}}]," +
                "\"annotations\":{\"com.amazon.soci.build-tool-identifier\":\"AWS SOCI CLI v0.2\"}}";
            Assert.Equal(expected, Text(result.IndexBytes));
            Assert.Equal(Digest.Compute(result.IndexBytes), result.IndexDescriptor.Digest);
            Assert.Equal(result.IndexBytes.Length, result.IndexDescriptor.Size);
            Assert.Equal(MediaTypes.OciManifest, result.IndexDescriptor.MediaType);
            Assert.Equal(MediaTypes.SociIndexV2, result.IndexDescriptor.ArtifactType);
            Assert.Equal("{}", Text(result.ConfigBytes));
            Assert.Equal(Digest.Compute(result.ConfigBytes), result.ConfigDescriptor.Digest);
            Assert.Equal(new[] { true, false, true }, result.Layers.Select(l => l.Indexed));
            Assert.Equal("size 1048576 is less than min-layer-size 10485760", result.Layers[1].SkipReason);
            Assert.Equal(new[] { bigZtoc.Digest, tarZtoc.Digest }, result.Ztocs.Select(z => z.Digest));
        }

        [Fact]
        public async Task Builds_v1_index_whose_subject_is_the_manifest_descriptor_without_annotations()
        {
            var layer = Layer("one", 12 * MiB, MediaTypes.DockerLayerGzip);
            var manifest = Manifest(layer);
            manifest.MediaType = MediaTypes.DockerManifest;
            var manifestDescriptor = DescriptorOf(manifest, new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "latest" });
            manifestDescriptor.Platform = new Platform { Os = "linux", Architecture = "amd64" };
            var options = new SociIndexBuildOptions { IndexVersion = SociIndexVersion.V1, BuildToolIdentifier = "SociTools <test> & co", SpanSize = 1 << 20 };

            var result = await new SociIndexBuilder(options).BuildAsync(manifestDescriptor, manifest, BuildZtoc, null, CancellationToken.None);

            var text = Text(result.IndexBytes);
            Assert.Contains("\"config\":{\"mediaType\":\"application/vnd.amazon.soci.index.v1+json\"", text);
            Assert.EndsWith(
                "\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + manifestDescriptor.Digest + "\",\"size\":" + manifestDescriptor.Size + "}," +
                "\"annotations\":{\"com.amazon.soci.build-tool-identifier\":\"SociTools \\u003ctest\\u003e \\u0026 co\"}}", text);
            Assert.Contains("\"com.amazon.soci.span-size\":\"1048576\"", text);
            Assert.DoesNotContain("artifactType", text);
            Assert.Equal(MediaTypes.SociIndexV1, result.IndexDescriptor.ArtifactType);
            Assert.Equal(
                "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + result.IndexDescriptor.Digest + "\",\"size\":" + result.IndexBytes.Length + "," +
                "\"annotations\":{\"com.amazon.soci.build-tool-identifier\":\"SociTools \\u003ctest\\u003e \\u0026 co\"}," +
                "\"artifactType\":\"application/vnd.amazon.soci.index.v1+json\"}",
                Text(SociTools.Core.Serialization.OciJson.Serialize(result.ReferrerDescriptor)));
        }

        [Fact]
        public async Task Indexes_a_layer_exactly_the_minimum_size()
        {
            var layer = Layer("edge", 10 * MiB);
            var manifest = Manifest(layer);
            var result = await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, null, CancellationToken.None);
            Assert.True(result.Layers.Single().Indexed);
        }

        [Fact]
        public async Task Skips_zstd_layers_without_calling_the_ztoc_builder()
        {
            var zstd = Layer("zstd", 50 * MiB, MediaTypes.OciLayerZstd);
            var gzip = Layer("gzip", 50 * MiB);
            var manifest = Manifest(zstd, gzip);
            var built = new ConcurrentBag<Digest>();

            var result = await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest,
                (layer, token) => { built.Add(layer.Digest); return BuildZtoc(layer, token); }, null, CancellationToken.None);

            Assert.Equal(new[] { gzip.Digest }, built);
            Assert.False(result.Layers[0].Indexed);
            Assert.Contains("unsupported format", result.Layers[0].SkipReason);
            Assert.Contains("\"zstd\"", result.Layers[0].SkipReason);
        }

        [Fact]
        public async Task Skips_a_layer_the_ztoc_builder_declares_unindexable_and_indexes_the_rest()
        {
            var odd = Layer("odd", 30 * MiB);
            var fine = Layer("fine", 30 * MiB);
            var manifest = Manifest(odd, fine);

            var result = await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest,
                (layer, token) => layer.Digest == odd.Digest
                    ? throw new UnindexableLayerException("tar entry 'dev/sda' has unsupported type 'S'")
                    : BuildZtoc(layer, token),
                null, CancellationToken.None);

            Assert.Equal("tar entry 'dev/sda' has unsupported type 'S'", result.Layers[0].SkipReason);
            Assert.Null(result.Layers[0].Ztoc);
            Assert.True(result.Layers[1].Indexed);
            Assert.Single(result.Ztocs);
        }

        [Fact]
        public async Task Produces_identical_bytes_whatever_order_parallel_layers_finish_in()
        {
            var layers = Enumerable.Range(0, 6).Select(i => Layer("p" + i, 20 * MiB)).ToArray();
            var manifest = Manifest(layers);
            var options = new SociIndexBuildOptions { ThrottleLimit = layers.Length };

            async Task<byte[]> BuildFinishingInOrder(IEnumerable<int> finishOrder)
            {
                var gates = layers.ToDictionary(l => l.Digest, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
                var started = 0;
                var allStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                var build = new SociIndexBuilder(options).BuildAsync(DescriptorOf(manifest), manifest, async (layer, token) =>
                {
                    if (Interlocked.Increment(ref started) == layers.Length) allStarted.SetResult(true);
                    await gates[layer.Digest].Task;
                    return ZtocFor(layer);
                }, null, CancellationToken.None);
                await allStarted.Task;
                foreach (var i in finishOrder) gates[layers[i].Digest].SetResult(true);
                return (await build).IndexBytes;
            }

            var forward = await BuildFinishingInOrder(new[] { 0, 1, 2, 3, 4, 5 });
            var backward = await BuildFinishingInOrder(new[] { 5, 4, 3, 2, 1, 0 });
            var shuffled = await BuildFinishingInOrder(new[] { 3, 0, 5, 1, 4, 2 });
            Assert.Equal(forward, backward);
            Assert.Equal(forward, shuffled);
        }

        [Fact]
        public async Task Builds_no_more_layers_at_once_than_the_throttle_limit()
        {
            var layers = Enumerable.Range(0, 6).Select(i => Layer("t" + i, 20 * MiB)).ToArray();
            var manifest = Manifest(layers);
            var running = 0;
            var mostAtOnce = 0;
            var twoRunning = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            await new SociIndexBuilder(new SociIndexBuildOptions { ThrottleLimit = 2 }).BuildAsync(DescriptorOf(manifest), manifest, async (layer, token) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                if (now == 2) twoRunning.TrySetResult(true);
                await twoRunning.Task;
                Interlocked.Decrement(ref running);
                return ZtocFor(layer);
            }, null, CancellationToken.None);

            Assert.Equal(2, mostAtOnce);
        }

        [Fact]
        public async Task Fails_with_socis_empty_index_message_and_every_skip_reason_when_no_layer_is_indexed()
        {
            var small = Layer("small", 3 * MiB);
            var zstd = Layer("zstd", 30 * MiB, MediaTypes.OciLayerZstd);
            var manifest = Manifest(small, zstd);

            var error = await Assert.ThrowsAsync<EmptySociIndexException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, null, CancellationToken.None));

            Assert.StartsWith("no ztocs created, all layers either skipped or produced errors", error.Message);
            Assert.Contains(small.Digest + ": size 3145728 is less than min-layer-size 10485760", error.Message);
            Assert.Contains(zstd.Digest + ": is compressed in an unsupported format", error.Message);
            Assert.Equal(2, error.Layers.Count);
        }

        [Fact]
        public async Task Empty_index_advises_a_lower_minimum_layer_size_only_when_a_layer_was_too_small()
        {
            var small = Layer("small", 3 * MiB);
            var zstd = Layer("zstd", 30 * MiB, MediaTypes.OciLayerZstd);
            var smallManifest = Manifest(small, zstd);
            var zstdManifest = Manifest(zstd);

            var withSmall = await Assert.ThrowsAsync<EmptySociIndexException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(smallManifest), smallManifest, BuildZtoc, null, CancellationToken.None));
            var zstdOnly = await Assert.ThrowsAsync<EmptySociIndexException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions { MinLayerSize = 0 }).BuildAsync(DescriptorOf(zstdManifest), zstdManifest, BuildZtoc, null, CancellationToken.None));

            Assert.Contains("Lower the minimum layer size", withSmall.Message);
            Assert.DoesNotContain("minimum layer size", zstdOnly.Message);
            Assert.EndsWith("but got \"zstd\".", zstdOnly.Message);
        }

        [Fact]
        public async Task Empty_index_of_a_small_zstd_layer_does_not_advise_a_lower_minimum_layer_size()
        {
            var zstd = Layer("zstd", 3 * MiB, MediaTypes.OciLayerZstd);
            var manifest = Manifest(zstd);

            var error = await Assert.ThrowsAsync<EmptySociIndexException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, null, CancellationToken.None));

            Assert.Contains("size 3145728 is less than min-layer-size 10485760", error.Message);
            Assert.DoesNotContain("minimum layer size", error.Message);
        }

        [Fact]
        public async Task Empty_index_message_ends_each_sentence_with_one_full_stop_when_a_reason_has_its_own()
        {
            var layer = Layer("special", 30 * MiB);
            var manifest = Manifest(layer);

            var error = await Assert.ThrowsAsync<EmptySociIndexException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions { MinLayerSize = 0 }).BuildAsync(DescriptorOf(manifest), manifest,
                    (_, _) => throw new UnindexableLayerException("the layer holds a tar entry of type 'V', which soci does not index."), null, CancellationToken.None));

            Assert.DoesNotContain("..", error.Message);
            Assert.EndsWith("which soci does not index.", error.Message);
        }

        [Fact]
        public async Task Fails_the_whole_build_when_a_manifest_entry_is_not_a_layer()
        {
            var manifest = Manifest(Layer("good", 30 * MiB), Layer("config", 30 * MiB, MediaTypes.OciConfig));
            var error = await Assert.ThrowsAsync<SociFormatException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, null, CancellationToken.None));
            Assert.Contains("'application/vnd.oci.image.config.v1+json', which is not a layer media type", error.Message);
        }

        [Fact]
        public async Task Names_the_layer_when_its_ztoc_fails_for_another_reason()
        {
            var broken = Layer("broken", 30 * MiB);
            var manifest = Manifest(Layer("ok", 30 * MiB), broken);
            var error = await Assert.ThrowsAsync<SociLayerBuildException>(() =>
                new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest,
                    (layer, token) => layer.Digest == broken.Digest ? throw new SociFormatException("gzip header is corrupt") : BuildZtoc(layer, token),
                    null, CancellationToken.None));
            Assert.Equal($"Could not build the zTOC for layer {broken.Digest} (application/vnd.oci.image.layer.v1.tar+gzip): gzip header is corrupt", error.Message);
            Assert.IsType<SociFormatException>(error.InnerException);
        }

        [Theory]
        [InlineData(true, true, true)]
        [InlineData(false, true, false)]
        [InlineData(true, false, false)]
        public async Task Marks_disable_xattrs_only_with_the_xattr_optimization_on_a_layer_without_xattrs(bool optimization, bool layerHasNoXattrs, bool expectAnnotation)
        {
            var layer = Layer("x", 30 * MiB);
            var manifest = Manifest(layer);
            var result = await new SociIndexBuilder(new SociIndexBuildOptions { XattrOptimization = optimization }).BuildAsync(DescriptorOf(manifest), manifest,
                (l, token) => Task.FromResult(ZtocFor(l, layerHasNoXattrs)), null, CancellationToken.None);
            var annotations = result.Index.Layers.Single().Annotations!;
            Assert.Equal(expectAnnotation, annotations.TryGetValue("com.amazon.soci.disable-xattrs", out var value) && value == "true");
        }

        [Fact]
        public async Task Reports_progress_once_per_layer()
        {
            var manifest = Manifest(Layer("a", 30 * MiB), Layer("b", 1), Layer("c", 30 * MiB));
            var reports = new ConcurrentBag<SociLayerResult>();
            await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, BuildZtoc, new SynchronousProgress(reports.Add), CancellationToken.None);
            Assert.Equal(manifest.Layers.Select(l => l.Digest).OrderBy(d => d.ToString()), reports.Select(r => r.Layer.Digest).OrderBy(d => d.ToString()));
        }

        [Fact]
        public async Task Stops_when_cancelled()
        {
            var manifest = Manifest(Layer("a", 30 * MiB));
            using var cancellation = new CancellationTokenSource();
            var build = new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(DescriptorOf(manifest), manifest, async (layer, token) =>
            {
                cancellation.Cancel();
                await Task.Delay(Timeout.Infinite, token);
                return ZtocFor(layer);
            }, null, cancellation.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }

        private sealed class SynchronousProgress : IProgress<SociLayerResult>
        {
            private readonly Action<SociLayerResult> _report;
            public SynchronousProgress(Action<SociLayerResult> report) => _report = report;
            public void Report(SociLayerResult value) => _report(value);
        }
    }
}
