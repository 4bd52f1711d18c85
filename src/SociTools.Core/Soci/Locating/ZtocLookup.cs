using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Ztoc;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>Reads the zTOCs that found indexes list, optionally only one zTOC or one layer's.</summary>
    public static class ZtocLookup
    {
        public static async Task<IReadOnlyList<LocatedZtoc>> ReadAsync(
            IContentReader store, IEnumerable<FoundSociIndex> indexes, Digest? ztocDigest, Digest? layerDigest, CancellationToken cancellationToken)
        {
            var result = new List<LocatedZtoc>();
            var seen = new HashSet<Digest>();
            foreach (var index in indexes)
            {
                foreach (var reference in index.Index.Ztocs)
                {
                    if (ztocDigest is Digest wanted && reference.Ztoc.Digest != wanted) continue;
                    if (layerDigest is Digest layer && reference.LayerDigest != layer) continue;
                    if (!seen.Add(reference.Ztoc.Digest)) continue;
                    result.Add(new LocatedZtoc(index, reference, await ZtocReader.ReadAsync(store, reference.Ztoc, cancellationToken).ConfigureAwait(false)));
                }
            }
            return result;
        }
    }
}
