namespace SociTools.Core.Soci.Locating
{
    /// <summary>How a SOCI index was found, in the snapshotter's lookup order.</summary>
    public enum SociIndexSource
    {
        ProvidedDigest,
        V2Annotation,
        V1Referrers,
    }
}
