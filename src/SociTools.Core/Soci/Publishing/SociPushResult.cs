using System.Collections.Generic;
using SociTools.Core.Oci;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>What pushing an image with its SOCI index sent, and what the registry already had.</summary>
    public sealed class SociPushResult
    {
        public SociPushResult(Descriptor image, IReadOnlyList<Descriptor> indexes, SociIndexVersion version, IReadOnlyList<PlatformIndex> built,
            long bytesSent, int sent, int alreadyPresent)
        {
            Image = image;
            Indexes = indexes;
            Version = version;
            Built = built;
            BytesSent = bytesSent;
            Sent = sent;
            AlreadyPresent = alreadyPresent;
        }

        /// <summary>What the tag now names: the SOCI-enabled image index (v2) or the unchanged image (v1).</summary>
        public Descriptor Image { get; }

        public IReadOnlyList<Descriptor> Indexes { get; }

        public SociIndexVersion Version { get; }

        /// <summary>Indexes built for this push; empty when the layout already held them.</summary>
        public IReadOnlyList<PlatformIndex> Built { get; }

        public long BytesSent { get; }

        public int Sent { get; }

        public int AlreadyPresent { get; }
    }
}
