using System;
using System.Collections.Generic;
using System.Text.Json;
using SociTools.Core.Oci;

namespace SociTools.Core.Serialization
{
    public static partial class OciJson
    {
        private static readonly JsonDocumentOptions ReadOptions = new JsonDocumentOptions { MaxDepth = 64 };

        /// <summary>Reads an OCI image manifest or Docker v2 schema 2 manifest (a SOCI index has the same shape).</summary>
        public static Manifest ReadManifest(byte[] json) => Parse(json, "image manifest", root =>
        {
            var manifest = new Manifest { SchemaVersion = 0 };
            var sawLayers = false;
            foreach (var property in GoJsonFields.Of(root, "image manifest"))
            {
                var value = property.Value;
                switch (GoJsonFields.Match(property.Name, "schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"))
                {
                    case "schemaVersion": manifest.SchemaVersion = GoJsonFields.Int32(value, "schemaVersion"); break;
                    case "mediaType": manifest.MediaType = GoJsonFields.String(value, "mediaType", manifest.MediaType); break;
                    case "artifactType": manifest.ArtifactType = GoJsonFields.String(value, "artifactType", manifest.ArtifactType); break;
                    case "config": manifest.Config = ReadDescriptorValue(value, "config") ?? manifest.Config; break;
                    case "layers": manifest.Layers = ReadDescriptorArray(value, "layers"); sawLayers = true; break;
                    case "subject": manifest.Subject = ReadDescriptorValue(value, "subject"); break;
                    case "annotations": manifest.Annotations = GoJsonFields.StringMap(value, "annotations"); break;
                }
            }
            if (manifest.SchemaVersion == 1)
            {
                throw new SociFormatException("The image manifest uses Docker schema 1, which SOCI cannot index; push the image again with a current Docker or BuildKit to get a schema 2 or OCI manifest.");
            }
            if (MediaTypes.IsIndex(manifest.MediaType))
            {
                throw new SociFormatException($"Expected an image manifest but the JSON is an image index ({manifest.MediaType}); pick one platform's manifest from it first.");
            }
            if (!sawLayers && !root.TryGetProperty("config", out _) && root.TryGetProperty("manifests", out _))
            {
                throw new SociFormatException("Expected an image manifest but the JSON is an image index (it has 'manifests' and no 'config'); pick one platform's manifest from it first.");
            }
            return manifest;
        });

        /// <summary>Reads an OCI image index or Docker manifest list.</summary>
        public static ImageIndex ReadIndex(byte[] json) => Parse(json, "image index", root =>
        {
            var index = new ImageIndex { SchemaVersion = 0 };
            foreach (var property in GoJsonFields.Of(root, "image index"))
            {
                var value = property.Value;
                switch (GoJsonFields.Match(property.Name, "schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"))
                {
                    case "schemaVersion": index.SchemaVersion = GoJsonFields.Int32(value, "schemaVersion"); break;
                    case "mediaType": index.MediaType = GoJsonFields.String(value, "mediaType", index.MediaType); break;
                    case "artifactType": index.ArtifactType = GoJsonFields.String(value, "artifactType", index.ArtifactType); break;
                    case "manifests": index.Manifests = ReadDescriptorArray(value, "manifests"); break;
                    case "subject": index.Subject = ReadDescriptorValue(value, "subject"); break;
                    case "annotations": index.Annotations = GoJsonFields.StringMap(value, "annotations"); break;
                }
            }
            if (MediaTypes.IsManifest(index.MediaType))
            {
                throw new SociFormatException($"Expected an image index but the JSON is an image manifest ({index.MediaType}).");
            }
            return index;
        });

        public static Descriptor ReadDescriptor(byte[] json) =>
            Parse(json, "descriptor", root => ReadDescriptorValue(root, "descriptor") ?? throw new SociFormatException("The descriptor JSON is null."));

        /// <summary>Reads os, architecture and variant (and os.version, os.features) from an image config; null when os or architecture is missing.</summary>
        public static Platform? ReadConfigPlatform(byte[] imageConfig) => Parse(imageConfig, "image config", root =>
        {
            var platform = ReadPlatformFields(root, "image config");
            return string.IsNullOrEmpty(platform.Os) || string.IsNullOrEmpty(platform.Architecture) ? null : platform;
        });

        internal static Descriptor? ReadDescriptorValue(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Null) return null;
            var descriptor = new Descriptor();
            foreach (var property in GoJsonFields.Of(element, path))
            {
                var value = property.Value;
                var name = GoJsonFields.Match(property.Name, "mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType");
                switch (name)
                {
                    case "mediaType": descriptor.MediaType = GoJsonFields.String(value, path + ".mediaType", descriptor.MediaType) ?? ""; break;
                    case "digest": descriptor.Digest = GoJsonFields.Digest(value, path + ".digest", descriptor.Digest); break;
                    case "size": descriptor.Size = GoJsonFields.Int64(value, path + ".size"); break;
                    case "urls": descriptor.Urls = GoJsonFields.StringList(value, path + ".urls"); break;
                    case "annotations": descriptor.Annotations = GoJsonFields.StringMap(value, path + ".annotations"); break;
                    case "data": descriptor.Data = GoJsonFields.Base64(value, path + ".data"); break;
                    case "platform":
                        descriptor.Platform = value.ValueKind == JsonValueKind.Null ? null : ReadPlatformFields(value, path + ".platform");
                        break;
                    case "artifactType": descriptor.ArtifactType = GoJsonFields.String(value, path + ".artifactType", descriptor.ArtifactType); break;
                }
            }
            return descriptor;
        }

        private static IList<Descriptor> ReadDescriptorArray(JsonElement element, string path)
        {
            var list = new List<Descriptor>();
            if (element.ValueKind == JsonValueKind.Null) return list;
            if (element.ValueKind != JsonValueKind.Array) throw GoJsonFields.WrongType(path, "an array", element);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                list.Add(ReadDescriptorValue(item, $"{path}[{i++}]") ?? new Descriptor());
            }
            return list;
        }

        private static Platform ReadPlatformFields(JsonElement element, string path)
        {
            var platform = new Platform();
            foreach (var property in GoJsonFields.Of(element, path))
            {
                var value = property.Value;
                switch (GoJsonFields.Match(property.Name, "architecture", "os", "os.version", "os.features", "variant"))
                {
                    case "architecture": platform.Architecture = GoJsonFields.String(value, path + ".architecture", platform.Architecture) ?? ""; break;
                    case "os": platform.Os = GoJsonFields.String(value, path + ".os", platform.Os) ?? ""; break;
                    case "os.version": platform.OsVersion = GoJsonFields.String(value, path + ".os.version", platform.OsVersion); break;
                    case "os.features": platform.OsFeatures = GoJsonFields.StringList(value, path + ".os.features"); break;
                    case "variant": platform.Variant = GoJsonFields.String(value, path + ".variant", platform.Variant); break;
                }
            }
            return platform;
        }

        private static T Parse<T>(byte[] json, string what, Func<JsonElement, T> read)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(GoJsonInput.Normalize(json), ReadOptions);
            }
            catch (JsonException e)
            {
                throw new SociFormatException($"The {what} is not valid JSON: {e.Message}", e);
            }
            catch (ArgumentException e)
            {
                throw new SociFormatException($"The {what} is not valid UTF-8 JSON: {e.Message}", e);
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new SociFormatException($"The {what} must be a JSON object but is {GoJsonFields.Describe(document.RootElement)}.");
                }
                return read(document.RootElement);
            }
        }
    }
}
