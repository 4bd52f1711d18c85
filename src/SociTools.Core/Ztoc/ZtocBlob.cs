using SociTools.Core.Oci;

namespace SociTools.Core.Ztoc
{
    /// <summary>A serialized zTOC with its descriptor digest (SHA-256 of the bytes) and size.</summary>
    public sealed class ZtocBlob
    {
        public ZtocBlob(ZtocDocument ztoc, byte[] bytes)
        {
            Ztoc = ztoc;
            Bytes = bytes;
            Digest = Digest.Compute(bytes);
            Size = bytes.Length;
        }

        public ZtocDocument Ztoc { get; }

        public byte[] Bytes { get; }

        public Digest Digest { get; }

        public long Size { get; }

        public static ZtocBlob From(ZtocDocument ztoc) => new ZtocBlob(ztoc, ZtocWriter.Write(ztoc));
    }
}
