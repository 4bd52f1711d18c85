using SociTools.Core.Oci.Platforms;

namespace SociTools.Core.Soci.Building
{
    /// <summary>The SOCI index built for one platform's image manifest.</summary>
    public sealed class PlatformIndex
    {
        public PlatformIndex(PlatformManifest image, SociIndexBuildResult build)
        {
            Image = image;
            Build = build;
        }

        public PlatformManifest Image { get; }

        public SociIndexBuildResult Build { get; }
    }
}
