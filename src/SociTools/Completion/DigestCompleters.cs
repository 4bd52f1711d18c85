using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SociTools.Formatting;

namespace SociTools.Completion
{
    /// <summary>-LayerDigest: the layers that have a zTOC in the SOCI indexes of the layout at -Path.</summary>
    public sealed class LayerDigestCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(
                LayoutZtocs.References(fakeBoundParameters).Select(z => new Candidate(
                    z.LayerDigest.ToString(),
                    DisplayFormat.ShortDigest(z.LayerDigest.ToString()),
                    $"layer {z.LayerDigest} ({z.LayerMediaType}), zTOC {z.Ztoc.Digest}")),
                wordToComplete,
                CompletionValues.DigestMatches);
    }

    /// <summary>-Digest of a zTOC: the zTOCs that the SOCI indexes of the layout at -Path list.</summary>
    public sealed class ZtocDigestCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(
                LayoutZtocs.References(fakeBoundParameters).Select(z => new Candidate(
                    z.Ztoc.Digest.ToString(),
                    DisplayFormat.ShortDigest(z.Ztoc.Digest.ToString()),
                    $"zTOC {z.Ztoc.Digest} ({DisplayFormat.Size(z.Ztoc.Size)}) of layer {z.LayerDigest}")),
                wordToComplete,
                CompletionValues.DigestMatches);
    }
}
