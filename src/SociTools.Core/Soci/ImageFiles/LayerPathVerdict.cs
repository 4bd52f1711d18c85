using SociTools.Core.Ztoc;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>What one layer does to a path of the image.</summary>
    public sealed class LayerPathVerdict
    {
        public static readonly LayerPathVerdict Absent = new LayerPathVerdict(LayerPathState.Absent, null, null);

        private LayerPathVerdict(LayerPathState state, FileMetadata? entry, string? explanation)
        {
            State = state;
            Entry = entry;
            Explanation = explanation;
        }

        public LayerPathState State { get; }

        /// <summary>The layer's entry at the path when <see cref="LayerPathState.Present"/>.</summary>
        public FileMetadata? Entry { get; }

        /// <summary>Why the path is hidden, as a clause for an error message.</summary>
        public string? Explanation { get; }

        public static LayerPathVerdict Present(FileMetadata entry) => new LayerPathVerdict(LayerPathState.Present, entry, null);

        public static LayerPathVerdict Hidden(string explanation) => new LayerPathVerdict(LayerPathState.Hidden, null, explanation);
    }

    public enum LayerPathState
    {
        /// <summary>The layer neither has the path nor hides it; look in the layer below.</summary>
        Absent,

        /// <summary>The layer has an entry at the path, which is what the image shows.</summary>
        Present,

        /// <summary>The layer hides the path from the layers below, so the image has no such file.</summary>
        Hidden,
    }
}
