using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Registry;
using SociTools.Tests.Fixtures;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;

namespace SociTools.Tests.Soci
{
    /// <summary>
    /// A two-layer image whose top layer overwrites, deletes (whiteout), hides (opaque directory, a directory replaced
    /// by a file) and links files of the bottom one; indexed by New-SociIndex with 1 MiB spans and pushed to a registry.
    /// </summary>
    public sealed class LayeredImage
    {
        public const long SpanSize = 1 << 20;
        public const string Tag = "layered";

        private static readonly ConcurrentDictionary<string, Lazy<Task<LayeredImage>>> Pushed = new ConcurrentDictionary<string, Lazy<Task<LayeredImage>>>();

        private LayeredImage(Reference repository, IReadOnlyList<LayerBlob> layers, IReadOnlyDictionary<string, byte[]> visible, Digest imageManifest)
        {
            Repository = repository;
            Layers = layers;
            VisibleFiles = visible;
            ImageManifest = imageManifest;
        }

        public sealed record LayerBlob(Digest Digest, long Size);

        /// <summary>The repository, without tag; the image is tagged <see cref="Tag"/>.</summary>
        public Reference Repository { get; }

        public string ImageReference => Repository.WithTag(Tag).ToString();

        /// <summary>Bottom layer first.</summary>
        public IReadOnlyList<LayerBlob> Layers { get; }

        /// <summary>What a container of the image sees at each regular file path (the top layer's version when overwritten).</summary>
        public IReadOnlyDictionary<string, byte[]> VisibleFiles { get; }

        /// <summary>The platform image manifest the SOCI index serves.</summary>
        public Digest ImageManifest { get; }

        /// <summary>
        /// The image in <paramref name="server"/>, built, indexed and pushed once per registry and variant. With
        /// <paramref name="smallTopLayer"/> a third, small layer on top (too small to be indexed) overwrites
        /// app/docs/note-5.txt and deletes app/docs/note-6.txt.
        /// </summary>
        public static Task<LayeredImage> GetAsync(RegistryServer server, string indexVersion, bool smallTopLayer = false)
        {
            var variant = indexVersion.ToLowerInvariant() + (smallTopLayer ? "-smalltop" : "");
            return Pushed.GetOrAdd(server.Host + "/" + variant, _ => new Lazy<Task<LayeredImage>>(() => CreateAsync(server, indexVersion, smallTopLayer, variant))).Value;
        }

        private static async Task<LayeredImage> CreateAsync(RegistryServer server, string indexVersion, bool smallTopLayer, string variant)
        {
            var random = new Random(20261202);
            var bottom = new LayerBuilder();
            var model = bottom.File("app/data/model.bin", RandomBytes(random, 3 << 20));
            for (var i = 0; i < 30; i++) bottom.File($"app/docs/note-{i}.txt", Text(random, $"note {i} of the bottom layer"));
            bottom.File("app/secret.txt", Text(random, "deleted by a whiteout above"));
            bottom.File("app/old/left.txt", Text(random, "in a directory deleted above"));
            bottom.File("app/cache/stale.txt", Text(random, "in a directory made opaque above"));
            bottom.File("app/conf/settings.ini", Text(random, "under a directory replaced by a file above"));
            bottom.File("lib/libz.so", Text(random, "the target of a symlink above"));
            bottom.File("app/empty", Array.Empty<byte>());

            var top = new LayerBuilder();
            top.File("app/tools/tool.bin", RandomBytes(random, 2 << 20));
            top.File("app/docs/note-3.txt", Text(random, "note 3 overwritten by the top layer"));
            top.File("app/.wh.secret.txt", Array.Empty<byte>());
            top.File("app/.wh.old", Array.Empty<byte>());
            top.Directory("app/cache");
            top.File("app/cache/.wh..wh..opq", Array.Empty<byte>());
            top.File("app/cache/fresh.txt", Text(random, "written in the opaque directory"));
            top.File("app/conf", Text(random, "a file where a directory was"));
            top.Symlink("app/libz.so", "../lib/libz.so");
            top.Hardlink("app/tools/tool-link.bin", "app/tools/tool.bin");

            var small = new LayerBuilder();
            small.File("app/docs/note-5.txt", Text(random, "note 5 overwritten by the small top layer"));
            small.File("app/docs/.wh.note-6.txt", Array.Empty<byte>());

            var visible = new Dictionary<string, byte[]>(bottom.Files);
            foreach (var (name, content) in top.Files) visible[name] = content;
            if (smallTopLayer)
            {
                visible["app/docs/note-5.txt"] = small.Files["app/docs/note-5.txt"];
                visible.Remove("app/docs/note-6.txt");
                visible.Remove("app/docs/.wh.note-6.txt");
            }
            foreach (var hidden in new[] { "app/secret.txt", "app/.wh.secret.txt", "app/.wh.old", "app/old/left.txt", "app/cache/stale.txt", "app/cache/.wh..wh..opq", "app/conf/settings.ini" })
            {
                visible.Remove(hidden);
            }
            visible["app/tools/tool-link.bin"] = top.Files["app/tools/tool.bin"];

            var (bottomTar, bottomGzip) = bottom.Build();
            var (topTar, topGzip) = top.Build();
            var (smallTar, smallGzip) = small.Build();
            var blobs = new List<(string, byte[], byte[])> { (TestLayout.GzipLayer, bottomGzip, bottomTar), (TestLayout.GzipLayer, topGzip, topTar) };
            if (smallTopLayer) blobs.Add((TestLayout.GzipLayer, smallGzip, smallTar));
            var layout = TestLayout.Create(TestLayout.NewFolder("layered"), blobs);
            try
            {
                using (var session = new PowerShellSession())
                {
                    session.Invoke("New-SociIndex -Path $args[0] -MinLayerSize $args[3] -SpanSize $args[1] -IndexVersion $args[2]",
                        layout.Path, SpanSize, indexVersion, smallTopLayer ? SpanSize : 0).ThrowIfErrors();
                }
                var repository = server.Repository("getfile/" + variant);
                await PushLayoutAsync(server, layout.Path, repository);
                var layers = blobs.Select((blob, i) => new LayerBlob(Digest.Parse(layout.LayerDigests[i]), blob.Item2.Length)).ToList();
                return new LayeredImage(repository, layers, visible, await ImageManifestAsync(server, repository));
            }
            finally
            {
                Directory.Delete(layout.Path, recursive: true);
            }
        }

        /// <summary>Pushes every image and SOCI index of the layout: the tagged image under <see cref="Tag"/>, a v1 index by digest (which writes its referrers fallback tag).</summary>
        public static async Task PushLayoutAsync(RegistryServer server, string layoutPath, Reference repository)
        {
            using var client = ClientFor(server);
            var target = new RegistryRepository(client, repository);
            var layout = OciLayout.Open(layoutPath);
            var index = await layout.ReadIndexAsync(CancellationToken.None);
            foreach (var entry in index.Manifests)
            {
                await PushGraphAsync(layout, target, entry);
                if (entry.Annotation(LayoutReferences.RefNameAnnotation) != null) await target.TagAsync(entry, Tag, CancellationToken.None);
            }
        }

        private static async Task PushGraphAsync(OciLayout layout, RegistryRepository target, Descriptor node)
        {
            if (MediaTypes.IsIndex(node.MediaType))
            {
                foreach (var child in (await layout.ReadIndexAsync(node, CancellationToken.None)).Manifests) await PushGraphAsync(layout, target, child);
            }
            else if (MediaTypes.IsManifest(node.MediaType))
            {
                var manifest = await layout.ReadManifestAsync(node, CancellationToken.None);
                foreach (var blob in new[] { manifest.Config }.Concat(manifest.Layers)) await CopyAsync(layout, target, blob);
            }
            await CopyAsync(layout, target, node);
        }

        private static async Task CopyAsync(OciLayout layout, RegistryRepository target, Descriptor descriptor)
        {
            if (await target.ExistsAsync(descriptor, CancellationToken.None)) return;
            using var content = await layout.OpenAsync(descriptor, CancellationToken.None);
            await target.PushAsync(descriptor, content, CancellationToken.None);
        }

        private static async Task<Digest> ImageManifestAsync(RegistryServer server, Reference repository)
        {
            using var client = ClientFor(server);
            var store = new RegistryRepository(client, repository);
            var image = await store.ResolveAsync(Tag, CancellationToken.None);
            var platforms = await Core.Oci.Platforms.ImagePlatforms.SelectAsync(store, image,
                Core.Oci.Platforms.PlatformSelection.For(Platform.Parse("linux/amd64")), CancellationToken.None);
            return platforms[0].Descriptor.Digest;
        }

        public static RegistryClient ClientFor(RegistryServer server) => new RegistryClient(new RegistryClientOptions
        {
            CredentialProvider = server.Username == null ? null : new TestCredentials(server.Username, server.Password!),
        });

        private static byte[] RandomBytes(Random random, int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }

        private static byte[] Text(Random random, string what)
        {
            var text = new StringBuilder();
            for (var line = 0; line < 100; line++) text.Append($"{what}: line {random.Next()}\n");
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        /// <summary>A tar layer with regular files, directories and links, in the order they are added.</summary>
        private sealed class LayerBuilder
        {
            private readonly List<TarEntry> _entries = new List<TarEntry>();
            private readonly Dictionary<string, byte[]> _files = new Dictionary<string, byte[]>();

            public IReadOnlyDictionary<string, byte[]> Files => _files;

            public byte[] File(string name, byte[] content)
            {
                _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
                _files[name] = content;
                return content;
            }

            public void Directory(string name) => _entries.Add(new PaxTarEntry(TarEntryType.Directory, name + "/"));

            public void Symlink(string name, string target) => _entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });

            public void Hardlink(string name, string target) => _entries.Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

            public (byte[] Tar, byte[] Gzip) Build()
            {
                var tar = new MemoryStream();
                using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var entry in _entries) writer.WriteEntry(entry);
                }
                var gzip = new MemoryStream();
                using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true)) compressor.Write(tar.ToArray());
                return (tar.ToArray(), gzip.ToArray());
            }
        }
    }
}
