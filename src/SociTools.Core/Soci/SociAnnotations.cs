namespace SociTools.Core.Soci
{
    /// <summary>Annotation keys SOCI writes on zTOC descriptors, SOCI indexes and image manifests.</summary>
    public static class SociAnnotations
    {
        public const string ImageLayerDigest = "com.amazon.soci.image-layer-digest";
        public const string ImageLayerMediaType = "com.amazon.soci.image-layer-mediaType";
        public const string SpanSize = "com.amazon.soci.span-size";
        public const string DisableXattrs = "com.amazon.soci.disable-xattrs";
        public const string BuildToolIdentifier = "com.amazon.soci.build-tool-identifier";

        /// <summary>On a v2 SOCI-enabled image manifest (body and descriptor): the digest of its SOCI index.</summary>
        public const string IndexDigest = "com.amazon.soci.index-digest";

        /// <summary>On a v2 SOCI index descriptor in an OCI index: the digest of the image manifest it indexes.</summary>
        public const string ImageManifestDigest = "com.amazon.soci.image-manifest-digest";
    }
}
