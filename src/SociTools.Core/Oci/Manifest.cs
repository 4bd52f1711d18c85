using System.Collections.Generic;

namespace SociTools.Core.Oci
{
    /// <summary>An image manifest (OCI or Docker v2 schema 2); also the shape of a SOCI index.</summary>
    public sealed class Manifest
    {
        public int SchemaVersion { get; set; } = 2;
        public string? MediaType { get; set; }
        public string? ArtifactType { get; set; }
        public Descriptor Config { get; set; } = new Descriptor();
        public IList<Descriptor> Layers { get; set; } = new List<Descriptor>();
        public Descriptor? Subject { get; set; }
        public IDictionary<string, string>? Annotations { get; set; }
    }
}
