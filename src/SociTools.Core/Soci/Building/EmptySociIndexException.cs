using System;
using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Soci.Building
{
    /// <summary>No layer produced a zTOC, so there is no index to write (soci's <c>ErrEmptyIndex</c>).</summary>
    public class EmptySociIndexException : Exception
    {
        /// <summary>soci's wording, kept so scripts that match on it keep working.</summary>
        public const string SociMessage = "no ztocs created, all layers either skipped or produced errors";

        public EmptySociIndexException(IReadOnlyList<SociLayerResult> layers)
            : base(BuildMessage(layers))
        {
            Layers = layers;
        }

        /// <summary>For a conversion in which no requested platform produced an index.</summary>
        public EmptySociIndexException(string detail)
            : base($"{SociMessage}: {detail}")
        {
            Layers = new SociLayerResult[0];
        }

        /// <summary>The layers of the image and why each was skipped; empty when the failure spans several platforms.</summary>
        public IReadOnlyList<SociLayerResult> Layers { get; }

        private static string BuildMessage(IReadOnlyList<SociLayerResult> layers)
        {
            if (layers.Count == 0) return SociMessage + ": the image has no layers.";
            var reasons = string.Join("; ", layers.Select(l => $"{l.Layer.Digest}: {l.SkipReason?.TrimEnd('.')}"));
            var advice = layers.Any(l => l.SkippedForSize) ? " Lower the minimum layer size (-MinLayerSize) to index the small layers." : "";
            return $"{SociMessage}. Skipped layers: {reasons}.{advice}";
        }
    }
}
