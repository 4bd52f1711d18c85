using SociTools.Core.Oci.Platforms;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Building;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Tests.Soci
{
    public class SociImageConverterTests
    {
        private static readonly Digest ConfigDigest = Digest.Compute(Encoding.UTF8.GetBytes("config"));

        private static (Descriptor Descriptor, byte[] Bytes) DockerManifest(string layerName)
        {
            var json =
                "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n" +
                "   \"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": 6, \"digest\": \"" + ConfigDigest + "\"},\n" +
                "   \"layers\": [{\"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\", \"size\": " + (20 * MiB) + ", \"digest\": \"" + Layer(layerName, 0).Digest + "\"}]\n}";
            var bytes = Encoding.UTF8.GetBytes(json);
            return (new Descriptor { MediaType = MediaTypes.DockerManifest, Digest = Digest.Compute(bytes), Size = bytes.Length }, bytes);
        }

        private static async Task<SociIndexBuildResult> BuildV2(byte[] manifestBytes, Descriptor manifestDescriptor) =>
            await new SociIndexBuilder(new SociIndexBuildOptions()).BuildAsync(manifestDescriptor, OciJson.ReadManifest(manifestBytes),
                (layer, token) => Task.FromResult(ZtocFor(layer)), null, CancellationToken.None);

        [Fact]
        public async Task Converts_a_single_docker_manifest_into_an_oci_index_with_its_soci_index()
        {
            var (descriptor, bytes) = DockerManifest("solo");
            var platform = OciJson.ReadConfigPlatform(Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{}}"))!;
            var built = await BuildV2(bytes, descriptor);
            var sociDigest = built.IndexDescriptor.Digest;

            var result = SociImageConverter.Convert(SociConversionSource.FromManifest(descriptor, bytes, platform),
                new[] { new SociPlatformIndex(descriptor.Digest, platform, built) });

            var (rewrittenDescriptor, rewrittenBytes) = Assert.Single(result.RewrittenManifests);
            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + ConfigDigest + "\",\"size\":6}," +
                "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + Layer("solo", 0).Digest + "\",\"size\":20971520}]," +
                "\"annotations\":{\"com.amazon.soci.index-digest\":\"" + sociDigest + "\"}}",
                Text(rewrittenBytes));
            Assert.Equal(Digest.Compute(rewrittenBytes), rewrittenDescriptor.Digest);
            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
                "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + rewrittenDescriptor.Digest + "\",\"size\":" + rewrittenBytes.Length + "," +
                "\"annotations\":{\"com.amazon.soci.index-digest\":\"" + sociDigest + "\"},\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}," +
                "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sociDigest + "\",\"size\":" + built.IndexBytes.Length + "," +
                "\"annotations\":{\"com.amazon.soci.image-manifest-digest\":\"" + rewrittenDescriptor.Digest + "\"},\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}," +
                "\"artifactType\":\"application/vnd.amazon.soci.index.v2+json\"}]}",
                Text(result.ImageIndexBytes));
            Assert.Equal(new Descriptor { MediaType = MediaTypes.OciIndex, Digest = Digest.Compute(result.ImageIndexBytes), Size = result.ImageIndexBytes.Length }.ToString(),
                result.ImageIndexDescriptor.ToString());
        }

        [Fact]
        public async Task Converts_several_platforms_of_a_manifest_list_in_one_call_and_leaves_absent_manifests_alone()
        {
            var amd64 = DockerManifest("amd64");
            var arm64 = DockerManifest("arm64");
            var s390x = DockerManifest("s390x");
            var list = new ImageIndex
            {
                MediaType = MediaTypes.DockerManifestList,
                Manifests =
                {
                    With(amd64.Descriptor, new Platform { Os = "linux", Architecture = "amd64" }, "keep-me"),
                    With(arm64.Descriptor, new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" }, null),
                    With(s390x.Descriptor, new Platform { Os = "linux", Architecture = "s390x" }, "untouched"),
                },
            };
            var listBytes = OciJson.Serialize(list);
            var listDescriptor = new Descriptor { MediaType = MediaTypes.DockerManifestList, Digest = Digest.Compute(listBytes), Size = listBytes.Length };
            var local = new Dictionary<Digest, byte[]> { [amd64.Descriptor.Digest] = amd64.Bytes, [arm64.Descriptor.Digest] = arm64.Bytes };
            var source = SociConversionSource.FromIndex(listDescriptor, listBytes, local);
            var amdIndex = await BuildV2(amd64.Bytes, amd64.Descriptor);
            var armIndex = await BuildV2(arm64.Bytes, arm64.Descriptor);

            Assert.Equal(new[] { "linux/amd64", "linux/arm64/v8" }, SociImageConverter.PlatformManifests(source).Select(p => p.Platform!.ToString()));
            var result = SociImageConverter.Convert(source, new[]
            {
                new SociPlatformIndex(amd64.Descriptor.Digest, new Platform { Os = "linux", Architecture = "amd64" }, amdIndex),
                new SociPlatformIndex(arm64.Descriptor.Digest, new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" }, armIndex),
            });

            var manifests = result.ImageIndex.Manifests;
            Assert.Equal(MediaTypes.OciIndex, result.ImageIndex.MediaType);
            Assert.Equal(5, manifests.Count);
            Assert.Equal(2, result.RewrittenManifests.Count);
            // soci replaces the descriptor's annotations with the rewritten manifest's.
            Assert.Equal(new[] { SociAnnotations.IndexDigest }, manifests[0].Annotations!.Keys);
            Assert.Equal(MediaTypes.OciManifest, manifests[1].MediaType);
            Assert.Equal("linux/arm64/v8", manifests[1].Platform!.ToString());
            Assert.Equal(s390x.Descriptor.Digest, manifests[2].Digest);
            Assert.Equal(MediaTypes.DockerManifest, manifests[2].MediaType);
            Assert.Equal("untouched", manifests[2].Annotations!["note"]);
            Assert.Equal(amdIndex.IndexDescriptor.Digest, manifests[3].Digest);
            Assert.Equal(manifests[0].Digest.ToString(), manifests[3].Annotations![SociAnnotations.ImageManifestDigest]);
            Assert.Equal(manifests[1].Digest.ToString(), manifests[4].Annotations![SociAnnotations.ImageManifestDigest]);
            Assert.Equal(result.SociIndexDescriptors, new[] { manifests[3], manifests[4] });
            Assert.Equal(result.ImageIndexBytes, OciJson.Serialize(OciJson.ReadIndex(result.ImageIndexBytes)));
        }

        [Fact]
        public async Task Converting_a_converted_image_again_gives_the_same_bytes()
        {
            var (descriptor, bytes) = DockerManifest("again");
            var platform = new Platform { Os = "linux", Architecture = "arm64" };
            var first = SociImageConverter.Convert(SociConversionSource.FromManifest(descriptor, bytes, platform),
                new[] { new SociPlatformIndex(descriptor.Digest, platform, await BuildV2(bytes, descriptor)) });

            var (convertedManifest, convertedBytes) = first.RewrittenManifests.Single();
            var second = SociImageConverter.Convert(
                SociConversionSource.FromIndex(first.ImageIndexDescriptor, first.ImageIndexBytes, new Dictionary<Digest, byte[]> { [convertedManifest.Digest] = convertedBytes }),
                new[] { new SociPlatformIndex(convertedManifest.Digest, new Platform { Os = "linux", Architecture = "aarch64", Variant = "v8" }, await BuildV2(convertedBytes, convertedManifest)) });

            Assert.Equal(2, second.ImageIndex.Manifests.Count);
            Assert.Equal("linux/aarch64/v8", second.ImageIndex.Manifests[1].Platform!.ToString());
            second.ImageIndex.Manifests[1].Platform = platform;
            Assert.Equal(Text(first.ImageIndexBytes), Text(OciJson.Serialize(second.ImageIndex)));
        }

        [Fact]
        public void Fails_with_the_empty_index_error_when_no_platform_was_indexed()
        {
            var (descriptor, bytes) = DockerManifest("none");
            var error = Assert.Throws<EmptySociIndexException>(() =>
                SociImageConverter.Convert(SociConversionSource.FromManifest(descriptor, bytes, new Platform { Os = "linux", Architecture = "amd64" }), new SociPlatformIndex[0]));
            Assert.StartsWith(EmptySociIndexException.SociMessage, error.Message);
        }

        [Fact]
        public void Rejects_manifest_content_that_does_not_match_its_digest()
        {
            var (descriptor, bytes) = DockerManifest("tampered");
            var tampered = (byte[])bytes.Clone();
            tampered[tampered.Length - 1] = (byte)' ';
            var platform = new Platform { Os = "linux", Architecture = "amd64" };
            var error = Assert.Throws<SociFormatException>(() => SociImageConverter.Convert(
                SociConversionSource.FromManifest(descriptor, tampered, platform),
                new[] { new SociPlatformIndex(descriptor.Digest, platform, new Descriptor { MediaType = MediaTypes.OciManifest, Digest = descriptor.Digest, Size = 1 }) }));
            Assert.Contains("hashes to", error.Message);
        }

        [Fact]
        public async Task Builds_and_converts_every_requested_platform_skipping_one_with_nothing_to_index()
        {
            var big = DockerManifest("big");
            var small = Encoding.UTF8.GetBytes(Text(DockerManifest("tiny").Bytes).Replace((20 * MiB).ToString(), "1024"));
            var smallDescriptor = new Descriptor { MediaType = MediaTypes.DockerManifest, Digest = Digest.Compute(small), Size = small.Length };
            var list = new ImageIndex
            {
                MediaType = MediaTypes.OciIndex,
                Manifests =
                {
                    With(big.Descriptor, new Platform { Os = "linux", Architecture = "amd64" }, null),
                    With(smallDescriptor, new Platform { Os = "linux", Architecture = "arm64" }, null),
                },
            };
            var listBytes = OciJson.Serialize(list);
            var source = SociConversionSource.FromIndex(
                new Descriptor { MediaType = MediaTypes.OciIndex, Digest = Digest.Compute(listBytes), Size = listBytes.Length }, listBytes,
                new Dictionary<Digest, byte[]> { [big.Descriptor.Digest] = big.Bytes, [smallDescriptor.Digest] = small });
            var skipped = new List<string>();

            var result = await SociImageConverter.ConvertAsync(source, SociImageConverter.PlatformManifests(source), new SociIndexBuilder(new SociIndexBuildOptions()),
                (layer, token) => Task.FromResult(ZtocFor(layer)), null, (platform, error) => skipped.Add(platform.Platform + ": " + error.Message), CancellationToken.None);

            Assert.Single(result.BuiltIndexes);
            Assert.Equal(new[] { "linux/arm64: no ztocs created, all layers either skipped or produced errors" }, skipped.Select(s => s.Substring(0, s.IndexOf('.'))));
            Assert.Equal(result.BuiltIndexes[0].IndexDescriptor.Digest, result.SociIndexDescriptors.Single().Digest);
            Assert.Equal("linux/amd64", result.SociIndexDescriptors.Single().Platform!.ToString());
            Assert.Equal(2, result.RewrittenManifests.Count);
        }

        [Fact]
        public async Task Fails_when_no_requested_platform_has_an_indexable_layer()
        {
            var small = Encoding.UTF8.GetBytes(Text(DockerManifest("tiny").Bytes).Replace((20 * MiB).ToString(), "1024"));
            var descriptor = new Descriptor { MediaType = MediaTypes.DockerManifest, Digest = Digest.Compute(small), Size = small.Length };
            var source = SociConversionSource.FromManifest(descriptor, small, new Platform { Os = "linux", Architecture = "amd64" });

            var error = await Assert.ThrowsAsync<EmptySociIndexException>(() => SociImageConverter.ConvertAsync(source, SociImageConverter.PlatformManifests(source),
                new SociIndexBuilder(new SociIndexBuildOptions()), (layer, token) => Task.FromResult(ZtocFor(layer)), null, null, CancellationToken.None));
            Assert.Equal("no ztocs created, all layers either skipped or produced errors: no requested platform (linux/amd64) has a layer that could be indexed.", error.Message);
        }

        [Theory]
        [InlineData("{\"architecture\":\"arm\",\"variant\":\"v6\",\"os\":\"linux\"}", "{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}")]
        [InlineData("{\"architecture\":\"arm64\",\"variant\":\"v8\",\"os\":\"linux\"}", "{\"architecture\":\"arm64\",\"os\":\"linux\"}")]
        [InlineData("{\"architecture\":\"x86_64\",\"os\":\"Linux\",\"os.version\":\"6.1\"}", "{\"architecture\":\"amd64\",\"os\":\"linux\"}")]
        public void Takes_a_single_manifests_platform_from_its_config_as_containerd_reports_it(string config, string expectedPlatformJson)
        {
            var (descriptor, bytes) = DockerManifest("cfg");
            var source = SociConversionSource.FromManifestAndConfig(descriptor, bytes, Encoding.UTF8.GetBytes(config));
            Assert.Equal(expectedPlatformJson, Text(OciJson.Serialize(source.ManifestPlatform!)));
        }

        [Fact]
        public void Refuses_a_config_without_os_and_architecture()
        {
            var (descriptor, bytes) = DockerManifest("cfg");
            var error = Assert.Throws<SociFormatException>(() => SociConversionSource.FromManifestAndConfig(descriptor, bytes, Encoding.UTF8.GetBytes("{\"rootfs\":{}}")));
            Assert.Contains("does not support any platforms", error.Message);
        }

        private static Descriptor With(Descriptor descriptor, Platform platform, string? note) => new Descriptor
        {
            MediaType = descriptor.MediaType,
            Digest = descriptor.Digest,
            Size = descriptor.Size,
            Platform = platform,
            Annotations = note == null ? null : new Dictionary<string, string> { ["note"] = note },
        };
    }
}
