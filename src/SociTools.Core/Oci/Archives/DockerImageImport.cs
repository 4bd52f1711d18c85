using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>Builds OCI image manifests in a layout from a legacy docker save archive's manifest.json.</summary>
    internal static class DockerImageImport
    {
        public static async Task<OciLayout> ImportAsync(ExtractedArchive extracted, string outputDirectory, string stagingDirectory, CancellationToken cancellationToken)
        {
            var images = DockerArchiveManifest.Read(extracted.Find(ArchiveImport.DockerManifestFileName).FullPath, extracted.ArchivePath);
            var planned = images.Select(image => Plan(image, extracted)).ToList();
            var layout = OciLayout.Create(outputDirectory, stagingDirectory);
            var entries = new List<Descriptor>();
            foreach (var image in planned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                layout.AdoptFile(image.Config.Digest, image.Config.FullPath);
                foreach (var layer in image.Layers) layout.AdoptFile(layer.Digest, layer.FullPath);
                var config = await layout.ReadAllBytesAsync(image.Manifest.Config, cancellationToken).ConfigureAwait(false);
                var platform = OciJson.ReadConfigPlatform(config);

                var manifestBytes = OciJson.Serialize(image.Manifest);
                var manifestDescriptor = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digest.Compute(manifestBytes), Size = manifestBytes.Length };
                using (var content = new MemoryStream(manifestBytes, writable: false))
                {
                    await layout.PushAsync(manifestDescriptor, content, cancellationToken).ConfigureAwait(false);
                }
                entries.AddRange(IndexEntries(manifestDescriptor, platform, image.RepoTags));
            }
            await layout.UpdateIndexAsync(index =>
            {
                var replacedNames = new HashSet<string>(entries.Select(e => e.Annotation(LayoutReferences.ContainerdNameAnnotation)).OfType<string>());
                index.Manifests = index.Manifests
                    .Where(d => d.Annotation(LayoutReferences.ContainerdNameAnnotation) is not string name || !replacedNames.Contains(name))
                    .Concat(entries)
                    .ToList();
                return index;
            }, cancellationToken).ConfigureAwait(false);
            return layout;
        }

        private sealed class PlannedImage
        {
            public PlannedImage(ExtractedFile config, IReadOnlyList<ExtractedFile> layers, IReadOnlyList<string> repoTags, Manifest manifest)
            {
                Config = config;
                Layers = layers;
                RepoTags = repoTags;
                Manifest = manifest;
            }

            public ExtractedFile Config { get; }
            public IReadOnlyList<ExtractedFile> Layers { get; }
            public IReadOnlyList<string> RepoTags { get; }
            public Manifest Manifest { get; }
        }

        // Every file is found and typed before anything is moved, so a broken archive leaves the output untouched.
        private static PlannedImage Plan(DockerArchiveManifest image, ExtractedArchive extracted)
        {
            var config = extracted.Find(image.Config);
            var layers = image.Layers.Select(extracted.Find).ToList();
            var manifest = new Manifest
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.OciManifest,
                Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = config.Digest, Size = config.Size },
                Layers = layers.Select(layer => new Descriptor { MediaType = LayerMediaType(layer), Digest = layer.Digest, Size = layer.Size }).ToList(),
            };
            return new PlannedImage(config, layers, image.RepoTags, manifest);
        }

        private static string LayerMediaType(ExtractedFile layer)
        {
            if (layer.IsGzip) return MediaTypes.OciLayerGzip;
            if (layer.IsZstd) return MediaTypes.OciLayerZstd;
            return MediaTypes.OciLayerTar;
        }

        private static IEnumerable<Descriptor> IndexEntries(Descriptor manifest, Platform? platform, IReadOnlyList<string> repoTags)
        {
            if (repoTags.Count == 0)
            {
                yield return new Descriptor { MediaType = manifest.MediaType, Digest = manifest.Digest, Size = manifest.Size, Platform = platform };
                yield break;
            }
            foreach (var repoTag in repoTags)
            {
                yield return new Descriptor
                {
                    MediaType = manifest.MediaType,
                    Digest = manifest.Digest,
                    Size = manifest.Size,
                    Platform = platform,
                    Annotations = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
                    {
                        [LayoutReferences.ContainerdNameAnnotation] = LayoutReferences.NormalizeImageName(repoTag),
                        [LayoutReferences.RefNameAnnotation] = LayoutReferences.TagOf(repoTag),
                    },
                };
            }
        }
    }
}
