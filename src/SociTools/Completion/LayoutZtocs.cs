using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Soci;
using SociTools.Core.Soci.Locating;

namespace SociTools.Completion
{
    /// <summary>The zTOCs that the SOCI indexes in the layout at -Path list, as the digest and file-name completers read them.</summary>
    internal static class LayoutZtocs
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        /// <summary>Each zTOC reference of the layout's indexes, once; empty when -Path is not a layout.</summary>
        public static IReadOnlyList<SociZtocReference> References(IDictionary fakeBoundParameters)
        {
            var layout = CompletionInput.Layout(fakeBoundParameters);
            if (layout == null) return Array.Empty<SociZtocReference>();
            return CompletionInput.Within(Budget, async token =>
                (await LayoutSociIndexes.ListAsync(layout, token).ConfigureAwait(false))
                    .SelectMany(i => i.Index.Ztocs)
                    .GroupBy(z => z.Ztoc.Digest)
                    .Select(g => g.First())
                    .ToList(),
                new List<SociZtocReference>());
        }

        /// <summary>The zTOCs themselves (read from their blobs): the one for -LayerDigest when given, else all.</summary>
        public static IReadOnlyList<LocatedZtoc> Read(IDictionary fakeBoundParameters)
        {
            var layout = CompletionInput.Layout(fakeBoundParameters);
            if (layout == null) return Array.Empty<LocatedZtoc>();
            var layerText = CompletionInput.Text(fakeBoundParameters, "LayerDigest");
            Core.Oci.Digest? layer = layerText != null && Core.Oci.Digest.TryParse(layerText, out var parsed) ? parsed : (Core.Oci.Digest?)null;
            return CompletionInput.Within(Budget, async token =>
                await ZtocLookup.ReadAsync(layout, await LayoutSociIndexes.ListAsync(layout, token).ConfigureAwait(false), null, layer, token).ConfigureAwait(false),
                (IReadOnlyList<LocatedZtoc>)Array.Empty<LocatedZtoc>());
        }
    }
}
