using System;
using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Serialization
{
    /// <summary>OCI manifests, indexes and descriptors as Go's <c>json.Marshal</c> of the image-spec v1.1 types writes them.</summary>
    /// <remarks>Field order and <c>omitempty</c> rules follow <c>specs-go/v1</c>: a property is left out exactly when Go leaves it out.</remarks>
    public static partial class OciJson
    {
        public static byte[] Serialize(Manifest manifest) => Write(writer => WriteManifest(writer, manifest));

        public static byte[] Serialize(ImageIndex index) => Write(writer => WriteIndex(writer, index));

        public static byte[] Serialize(Descriptor descriptor) => Write(writer => WriteDescriptor(writer, descriptor));

        public static byte[] Serialize(Platform platform) => Write(writer => WritePlatform(writer, platform));

        public static void WriteManifest(GoJsonWriter writer, Manifest manifest)
        {
            writer.BeginObject();
            writer.PropertyName("schemaVersion");
            writer.Number(manifest.SchemaVersion);
            WriteOptionalString(writer, "mediaType", manifest.MediaType);
            WriteOptionalString(writer, "artifactType", manifest.ArtifactType);
            writer.PropertyName("config");
            WriteDescriptor(writer, manifest.Config ?? new Descriptor());
            writer.PropertyName("layers");
            WriteDescriptorList(writer, manifest.Layers);
            WriteOptionalDescriptor(writer, "subject", manifest.Subject);
            WriteOptionalMap(writer, "annotations", manifest.Annotations);
            writer.EndObject();
        }

        public static void WriteIndex(GoJsonWriter writer, ImageIndex index)
        {
            writer.BeginObject();
            writer.PropertyName("schemaVersion");
            writer.Number(index.SchemaVersion);
            WriteOptionalString(writer, "mediaType", index.MediaType);
            WriteOptionalString(writer, "artifactType", index.ArtifactType);
            writer.PropertyName("manifests");
            WriteDescriptorList(writer, index.Manifests);
            WriteOptionalDescriptor(writer, "subject", index.Subject);
            WriteOptionalMap(writer, "annotations", index.Annotations);
            writer.EndObject();
        }

        public static void WriteDescriptor(GoJsonWriter writer, Descriptor descriptor)
        {
            writer.BeginObject();
            writer.PropertyName("mediaType");
            writer.String(descriptor.MediaType ?? "");
            writer.PropertyName("digest");
            writer.String(descriptor.Digest.ToString());
            writer.PropertyName("size");
            writer.Number(descriptor.Size);
            if (descriptor.Urls != null && descriptor.Urls.Count > 0)
            {
                writer.PropertyName("urls");
                writer.StringArray(descriptor.Urls);
            }
            WriteOptionalMap(writer, "annotations", descriptor.Annotations);
            if (descriptor.Data != null && descriptor.Data.Length > 0)
            {
                writer.PropertyName("data");
                writer.Base64(descriptor.Data);
            }
            if (descriptor.Platform != null)
            {
                writer.PropertyName("platform");
                WritePlatform(writer, descriptor.Platform);
            }
            WriteOptionalString(writer, "artifactType", descriptor.ArtifactType);
            writer.EndObject();
        }

        public static void WritePlatform(GoJsonWriter writer, Platform platform)
        {
            writer.BeginObject();
            writer.PropertyName("architecture");
            writer.String(platform.Architecture ?? "");
            writer.PropertyName("os");
            writer.String(platform.Os ?? "");
            WriteOptionalString(writer, "os.version", platform.OsVersion);
            if (platform.OsFeatures != null && platform.OsFeatures.Count > 0)
            {
                writer.PropertyName("os.features");
                writer.StringArray(platform.OsFeatures);
            }
            WriteOptionalString(writer, "variant", platform.Variant);
            writer.EndObject();
        }

        private static byte[] Write(Action<GoJsonWriter> write)
        {
            var writer = new GoJsonWriter();
            write(writer);
            return writer.ToArray();
        }

        // A nil Go slice marshals as null; an empty one as []. Our model only has "absent" as null.
        private static void WriteDescriptorList(GoJsonWriter writer, IList<Descriptor>? descriptors)
        {
            if (descriptors == null)
            {
                writer.Null();
                return;
            }
            writer.BeginArray();
            foreach (var descriptor in descriptors) WriteDescriptor(writer, descriptor);
            writer.EndArray();
        }

        private static void WriteOptionalDescriptor(GoJsonWriter writer, string name, Descriptor? descriptor)
        {
            if (descriptor == null) return;
            writer.PropertyName(name);
            WriteDescriptor(writer, descriptor);
        }

        private static void WriteOptionalString(GoJsonWriter writer, string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            writer.PropertyName(name);
            writer.String(value!);
        }

        private static void WriteOptionalMap(GoJsonWriter writer, string name, IDictionary<string, string>? map)
        {
            if (map == null || map.Count == 0) return;
            writer.PropertyName(name);
            writer.StringMap(map);
        }
    }
}
