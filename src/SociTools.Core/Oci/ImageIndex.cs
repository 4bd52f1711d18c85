using System.Collections.Generic;

namespace SociTools.Core.Oci
{
    /// <summary>An OCI image index or Docker manifest list: one manifest per platform, plus artifacts.</summary>
    public sealed class ImageIndex
    {
        public int SchemaVersion { get; set; } = 2;
        public string? MediaType { get; set; }
        public string? ArtifactType { get; set; }
        public IList<Descriptor> Manifests { get; set; } = new List<Descriptor>();
        public Descriptor? Subject { get; set; }
        public IDictionary<string, string>? Annotations { get; set; }
    }
}
