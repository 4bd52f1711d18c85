using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;

namespace SociTools.Core.Finch.Output
{
    /// <summary>What a line of finch output was to <see cref="PullProgress.Accept"/>.</summary>
    public enum ProgressInput
    {
        /// <summary>Not part of the progress table; the caller handles it (log line, container output).</summary>
        NotProgress,
        Row,
        /// <summary>An <c>elapsed:</c> line: a whole block has been read, a good moment to show it.</summary>
        BlockEnd,
    }

    /// <summary>
    /// Follows finch's pull/push progress table line by line. Redirected output repeats the whole block every
    /// 100 ms and a terminal redraws it in place; either way the latest row per ref key is the state.
    /// </summary>
    public sealed class PullProgress
    {
        private readonly Dictionary<string, BlobProgress> _byRef = new Dictionary<string, BlobProgress>();
        private readonly List<string> _order = new List<string>();

        /// <summary>Every ref seen, in the order it first appeared.</summary>
        public IReadOnlyList<BlobProgress> Blobs => _order.Select(r => _byRef[r]).ToList();

        public ElapsedLine? LastElapsed { get; private set; }

        /// <summary>True once any row or elapsed line has been read, i.e. finch showed a pull or push.</summary>
        public bool Seen => _order.Count > 0 || LastElapsed != null;

        /// <summary>The image reference from a pull's first row.</summary>
        public string? ImageRef => Blobs.FirstOrDefault(b => b.Kind == ProgressRefKind.Image)?.Ref;

        /// <summary>Layers containerd fetched whole (see <see cref="BlobProgress.FetchedInFull"/>).</summary>
        public IReadOnlyList<Digest> LayersFetchedInFull =>
            Blobs.Where(b => b.FetchedInFull && b.Digest.HasValue).Select(b => b.Digest!.Value).ToList();

        /// <summary>Reads one raw line (colour and erase codes allowed).</summary>
        public ProgressInput Accept(string rawLine)
        {
            var line = TerminalText.Strip(rawLine).Trim();
            if (ElapsedLine.Starts(line))
            {
                // Only nerdctl's whole shape ends a block: a run's stderr also carries the container's own lines.
                var elapsed = ElapsedLine.TryParse(line);
                if (elapsed == null) return ProgressInput.NotProgress;
                LastElapsed = elapsed;
                return ProgressInput.BlockEnd;
            }
            var row = ProgressLine.TryParse(line);
            if (row == null) return ProgressInput.NotProgress;
            var moving = row.Status == TransferStatus.Downloading || row.Status == TransferStatus.Uploading;
            if (_byRef.TryGetValue(row.Ref, out var previous))
            {
                _byRef[row.Ref] = new BlobProgress(row, previous.Transferred || moving);
            }
            else
            {
                _order.Add(row.Ref);
                _byRef[row.Ref] = new BlobProgress(row, moving);
            }
            return ProgressInput.Row;
        }
    }
}
