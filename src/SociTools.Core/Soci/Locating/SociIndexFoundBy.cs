namespace SociTools.Core.Soci.Locating
{
    /// <summary>Where a SOCI index of an image was found, in the snapshotter's lookup order.</summary>
    public enum SociIndexFoundBy
    {
        /// <summary>The <c>com.amazon.soci.index-digest</c> annotation on the platform manifest (v2).</summary>
        V2Annotation,

        /// <summary>A v2 SOCI index descriptor listed in the image's OCI index, naming the manifest it serves.</summary>
        ImageIndex,

        /// <summary>The registry's OCI referrers API (v1).</summary>
        ReferrersApi,

        /// <summary>The <c>sha256-&lt;hex&gt;</c> referrers fallback tag, on registries without the referrers API (v1).</summary>
        ReferrersTag,

        /// <summary>An entry of an OCI layout's index.json.</summary>
        LayoutIndex,
    }
}
