using System.Collections.Generic;

namespace SociTools.Core.Oci
{
    /// <summary>An OCI content descriptor: what a blob is, its digest and its size.</summary>
    public sealed class Descriptor
    {
        public string MediaType { get; set; } = "";
        public Digest Digest { get; set; }
        public long Size { get; set; }
        public IList<string>? Urls { get; set; }

        /// <summary>Annotations; serialized with keys in ordinal order, as Go sorts map keys.</summary>
        public IDictionary<string, string>? Annotations { get; set; }

        public byte[]? Data { get; set; }
        public Platform? Platform { get; set; }
        public string? ArtifactType { get; set; }

        public string? Annotation(string key) =>
            Annotations != null && Annotations.TryGetValue(key, out var value) ? value : null;

        public override string ToString() => $"{MediaType} {Digest} ({Size} bytes)";
    }
}
