using System;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>The OCI index behind the referrers tag schema (<c>sha256-&lt;hex&gt;</c>), which every tool pushing referrers shares.</summary>
    public static class ReferrersIndex
    {
        /// <summary>
        /// Returns the fallback index with <paramref name="newReferrer"/> added after every referrer already listed,
        /// including other tools' (signatures, SBOMs); a referrer already listed by digest is not added twice.
        /// </summary>
        public static ImageIndex MergeReferrersIndex(ImageIndex? existing, Descriptor newReferrer)
        {
            if (newReferrer == null) throw new ArgumentNullException(nameof(newReferrer));
            var manifests = existing?.Manifests.Select(DescriptorCopy.Of).ToList() ?? new List<Descriptor>();
            if (!manifests.Any(m => m.Digest == newReferrer.Digest)) manifests.Add(DescriptorCopy.Of(newReferrer));
            return new ImageIndex
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.OciIndex,
                Manifests = manifests,
                Annotations = DescriptorCopy.Annotations(existing?.Annotations),
            };
        }
    }
}
