using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace SociTools.Core.Oci.Archives
{
    /// <summary>One image of a docker save manifest.json: its config file, its tags and its layer files, by archive path.</summary>
    internal sealed class DockerArchiveManifest
    {
        private DockerArchiveManifest(string config, IReadOnlyList<string> repoTags, IReadOnlyList<string> layers)
        {
            Config = config;
            RepoTags = repoTags;
            Layers = layers;
        }

        public string Config { get; }

        public IReadOnlyList<string> RepoTags { get; }

        public IReadOnlyList<string> Layers { get; }

        public static IReadOnlyList<DockerArchiveManifest> Read(string manifestJsonPath, string archivePath)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(manifestJsonPath));
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(archivePath, "it is not a JSON array");
                }
                var images = new List<DockerArchiveManifest>();
                foreach (var image in document.RootElement.EnumerateArray())
                {
                    if (image.ValueKind != JsonValueKind.Object) throw Invalid(archivePath, "an entry is not an object");
                    var config = RequiredString(image, "Config", archivePath);
                    images.Add(new DockerArchiveManifest(config, Strings(image, "RepoTags", archivePath), Strings(image, "Layers", archivePath)));
                }
                if (images.Count == 0) throw Invalid(archivePath, "it lists no images");
                return images;
            }
            catch (JsonException e)
            {
                throw new SociFormatException($"The archive {archivePath} has a manifest.json that is not valid JSON: {e.Message}", e);
            }
        }

        private static string RequiredString(JsonElement image, string name, string archivePath) =>
            image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Invalid(archivePath, $"an image has no {name}");

        private static IReadOnlyList<string> Strings(JsonElement image, string name, string archivePath)
        {
            var list = new List<string>();
            if (!image.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return list;
            if (value.ValueKind != JsonValueKind.Array) throw Invalid(archivePath, $"{name} is not an array");
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw Invalid(archivePath, $"{name} holds a non-string");
                list.Add(item.GetString()!);
            }
            return list;
        }

        private static SociFormatException Invalid(string archivePath, string reason) =>
            new SociFormatException($"The archive {archivePath} has an invalid docker manifest.json: {reason}.");
    }
}
