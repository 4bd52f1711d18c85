using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using SociTools.Core.Soci;
using Xunit;
using static SociTools.Tests.Soci.SociTestImages;
using SociTools.Core.Soci.Conversion;

namespace SociTools.Tests.Soci
{
    public class SociLayoutRootTests
    {
        private readonly InMemoryContentStore _layout = new InMemoryContentStore();

        private Descriptor StoredManifest(string name, Platform platform)
        {
            var descriptor = _layout.AddManifest(Manifest(Layer(name, 1)));
            descriptor.Platform = platform;
            return descriptor;
        }

        private static Descriptor Missing(string name) =>
            new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Layer("missing " + name, 1).Digest, Size = 100, Platform = new Platform { Os = "linux", Architecture = "s390x" } };

        private static byte[] IndexJson(params Descriptor[] entries) =>
            OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = entries.ToList() });

        private Task<SociLayoutRoot> Resolve(byte[] indexJson) => SociLayoutIndex.ResolveConversionRootAsync(indexJson, _layout, CancellationToken.None);

        [Fact]
        public async Task Takes_a_lone_manifest_entry_as_the_image()
        {
            var manifest = StoredManifest("solo", new Platform { Os = "linux", Architecture = "amd64" });
            var root = await Resolve(IndexJson(manifest));
            Assert.Equal(manifest.Digest, root.Root.Digest);
            Assert.Null(root.NewIndexBlob);
        }

        [Fact]
        public async Task Takes_a_lone_nested_list_whose_children_are_all_present()
        {
            var list = _layout.Add(MediaTypes.DockerManifestList, IndexJson(StoredManifest("a", new Platform { Os = "linux", Architecture = "amd64" }), StoredManifest("b", new Platform { Os = "linux", Architecture = "arm64" })));
            var root = await Resolve(IndexJson(list));
            Assert.Equal(list.Digest, root.Root.Digest);
            Assert.Null(root.NewIndexBlob);
        }

        [Fact]
        public async Task Writes_a_new_list_of_the_children_present_when_some_are_missing()
        {
            var amd64 = StoredManifest("a", new Platform { Os = "linux", Architecture = "amd64" });
            var arm64 = StoredManifest("b", new Platform { Os = "linux", Architecture = "arm64" });
            var list = _layout.Add(MediaTypes.DockerManifestList, IndexJson(amd64, Missing("c"), arm64));

            var root = await Resolve(IndexJson(list));

            Assert.Equal(MediaTypes.DockerManifestList, root.Root.MediaType);
            Assert.Equal(Digest.Compute(root.NewIndexBlob!), root.Root.Digest);
            var written = OciJson.ReadIndex(root.NewIndexBlob!);
            Assert.Equal(MediaTypes.DockerManifestList, written.MediaType);
            Assert.Equal(new[] { amd64.Digest, arm64.Digest }, written.Manifests.Select(m => m.Digest));
        }

        [Fact]
        public async Task Takes_the_one_present_manifest_of_a_flat_list()
        {
            var arm64 = StoredManifest("b", new Platform { Os = "linux", Architecture = "arm64" });
            var root = await Resolve(IndexJson(Missing("a"), arm64));
            Assert.Equal(arm64.Digest, root.Root.Digest);
            Assert.Null(root.NewIndexBlob);
        }

        [Fact]
        public async Task Turns_a_flat_multi_platform_index_json_into_a_list_blob()
        {
            var amd64 = StoredManifest("a", new Platform { Os = "linux", Architecture = "amd64" });
            var arm64 = StoredManifest("b", new Platform { Os = "linux", Architecture = "arm64" });
            var indexJson = IndexJson(amd64, arm64);

            var root = await Resolve(indexJson);

            Assert.Equal(MediaTypes.OciIndex, root.Root.MediaType);
            Assert.Equal(Text(indexJson), Text(root.NewIndexBlob!));
        }

        [Fact]
        public async Task Fails_clearly_when_no_listed_blob_is_in_the_layout()
        {
            var error = await Assert.ThrowsAsync<SociFormatException>(() => Resolve(IndexJson(Missing("a"), Missing("b"))));
            Assert.Contains("None of the manifests", error.Message);
            await Assert.ThrowsAsync<SociFormatException>(() => Resolve(IndexJson()));
        }
    }
}
