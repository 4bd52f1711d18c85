using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci
{
    /// <summary>An image source made ready to work on: always an OCI layout, whatever it was given as.</summary>
    public sealed class ImageSource
    {
        public ImageSource(ImageSourceKind kind, OciLayout layout)
        {
            Kind = kind;
            Layout = layout;
        }

        public ImageSourceKind Kind { get; }

        public OciLayout Layout { get; }
    }
}
