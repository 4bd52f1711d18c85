namespace SociTools.Core.Soci
{
    /// <summary>The SOCI index flavour: v1 refers to its image through <c>subject</c>; v2 is referenced by an image manifest annotation.</summary>
    public enum SociIndexVersion
    {
        V1 = 1,
        V2 = 2,
    }
}
