using System;

namespace SociTools
{
    /// <summary>One entry of a zTOC: a file, directory, link or device of the layer, and where its data lies.</summary>
    public sealed class SociZtocFile
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public long Offset { get; set; }
        public long EndOffset { get; set; }
        public long Size { get; set; }
        public string Linkname { get; set; } = "";

        /// <summary>The permission and type bits as octal text, as ls and tar show them (e.g. 0755).</summary>
        public string Mode { get; set; } = "";
        public long Uid { get; set; }
        public long Gid { get; set; }
        public string Uname { get; set; } = "";
        public string Gname { get; set; } = "";
        public DateTimeOffset? ModTime { get; set; }
        public int StartSpan { get; set; }
        public int EndSpan { get; set; }

        /// <summary>The layer the entry is in, so Export-SociFile can take it from the pipeline.</summary>
        public string LayerDigest { get; set; } = "";

        /// <summary>The OCI layout folder holding the layer and its zTOC.</summary>
        public string LayoutPath { get; set; } = "";

        public override string ToString() => $"{Type} {Name} ({Size} bytes, spans {StartSpan}-{EndSpan})";
    }
}
