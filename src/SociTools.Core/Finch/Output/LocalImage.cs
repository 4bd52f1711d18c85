namespace SociTools.Core.Finch.Output
{
    /// <summary>One row of <c>finch image ls --format json</c>: one locally present platform of an image.</summary>
    public sealed class LocalImage
    {
        public LocalImage(string repository, string tag, string name, string digest, string id, string platform, string size, string blobSize, string createdAt)
        {
            Repository = repository;
            Tag = tag;
            Name = name;
            Digest = digest;
            Id = id;
            Platform = platform;
            Size = size;
            BlobSize = blobSize;
            CreatedAt = createdAt;
        }

        /// <summary>nerdctl's familiar name (<c>alpine</c> for Docker Hub's library), or <c>&lt;none&gt;</c>.</summary>
        public string Repository { get; }

        public string Tag { get; }

        /// <summary>The full image name containerd stores, e.g. <c>docker.io/library/alpine:latest</c>.</summary>
        public string Name { get; }

        /// <summary>The target (index or manifest) digest.</summary>
        public string Digest { get; }

        /// <summary>The first 12 hex digits of the target digest unless listed with --no-trunc.</summary>
        public string Id { get; }

        public string Platform { get; }

        /// <summary>As printed: decimal units without a space, e.g. <c>211.5MB</c>.</summary>
        public string Size { get; }

        public string BlobSize { get; }

        public string CreatedAt { get; }

        public override string ToString() => Name.Length > 0 ? Name : Repository + ":" + Tag;
    }
}
