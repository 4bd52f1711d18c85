using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Finch.Vm;

namespace SociTools.Core.Finch.Run
{
    /// <summary>
    /// Whether a run loaded its image lazily, from two signs: layers in the pull progress (containerd fetched them whole;
    /// a lazy layer has no row) and the SOCI FUSE mounts the run added. Null when the output cannot tell.
    /// </summary>
    public sealed class LazyLoadingVerdict
    {
        private LazyLoadingVerdict(bool? lazilyLoaded, string reason, IReadOnlyList<string> evidence)
        {
            LazilyLoaded = lazilyLoaded;
            Reason = reason;
            Evidence = evidence;
        }

        public bool? LazilyLoaded { get; }

        /// <summary>One sentence saying why.</summary>
        public string Reason { get; }

        /// <summary>Each observation, as a short sentence.</summary>
        public IReadOnlyList<string> Evidence { get; }

        /// <param name="imageWasLocal">The preflight found the image already present, so no pull was expected.</param>
        public static LazyLoadingVerdict Decide(SociRunOutcome outcome, bool imageWasLocal)
        {
            var progress = outcome.Progress;
            var fetched = progress.LayersFetchedInFull;
            var mounts = outcome.FuseMounts;
            var before = outcome.FuseMountsBefore;
            // Counted against the mounts before the run: those of earlier lazy pulls stay while their images are kept.
            var added = outcome.NewFuseMounts;
            var evidence = new List<string>();
            evidence.Add(!progress.Seen
                ? "finch showed no pull progress."
                : fetched.Count == 0
                    ? "The pull progress shows no layer fetched in full."
                    : $"The pull progress shows {fetched.Count} layer(s) fetched in full: {string.Join(", ", fetched.Select(d => d.ToString()))}.");
            evidence.Add(mounts.Count.HasValue
                ? $"{mounts.Count} SOCI FUSE mount(s) ({SociFuseMounts.FilesystemType}) after the run" +
                  (before.Count.HasValue ? $", {before.Count} before it." : $"; before it not checked: {before.NotCheckedReason}.")
                : "SOCI FUSE mounts not checked: " + mounts.NotCheckedReason + ".");
            foreach (var soci in outcome.SociEvents) evidence.Add(soci.ToString());

            bool? lazy;
            string reason;
            if (!progress.Seen)
            {
                lazy = null;
                reason = imageWasLocal
                    ? "The image was already present locally, so finch did not pull it in this run and nothing was loaded."
                    : "finch printed no pull progress, so this run did not show how the image was loaded.";
                if (mounts.Count > 0) reason += $" The VM has {mounts.Count} SOCI FUSE mount(s), possibly from an earlier lazy pull.";
            }
            else if (fetched.Count == 0)
            {
                lazy = added == 0 ? false : true;
                reason = added == 0
                    ? "No layer was fetched in full, but the run added no SOCI FUSE mounts, so the layers were not lazily mounted (they may have been stored already)."
                    : added > 0
                        ? $"No layer was fetched in full and the run added {added} SOCI FUSE mount(s): the layers are lazily loaded."
                        : "No layer was fetched in full, which is how a lazy pull looks; the FUSE mounts were not checked.";
            }
            else if (added > 0)
            {
                lazy = true;
                reason = $"Partly lazy: {fetched.Count} layer(s) were fetched in full (no zTOC, for example under the minimum layer size) " +
                    $"and the run added {added} SOCI FUSE mount(s) for the rest.";
            }
            else
            {
                lazy = false;
                reason = $"{fetched.Count} layer(s) were fetched in full: the SOCI snapshotter deferred to the container runtime " +
                    "(no usable SOCI index, soci not enabled, or only a v1 index)" +
                    (added == 0 ? " and the run added no SOCI FUSE mounts." : ".");
            }
            return new LazyLoadingVerdict(lazy, reason, evidence);
        }
    }
}
