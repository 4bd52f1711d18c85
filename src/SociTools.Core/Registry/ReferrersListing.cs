using System.Collections.Generic;
using SociTools.Core.Oci;

namespace SociTools.Core.Registry
{
    /// <summary>The referrers of a manifest, and whether the registry's referrers API or the <c>sha256-&lt;hex&gt;</c> fallback tag listed them.</summary>
    public sealed class ReferrersListing
    {
        public ReferrersListing(IReadOnlyList<Descriptor> referrers, bool fromFallbackTag)
        {
            Referrers = referrers;
            FromFallbackTag = fromFallbackTag;
        }

        public IReadOnlyList<Descriptor> Referrers { get; }

        /// <summary>True when the registry lacks the referrers API and the fallback tag was read instead.</summary>
        public bool FromFallbackTag { get; }
    }
}
