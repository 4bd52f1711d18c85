using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Run;

namespace SociTools.Hosting
{
    /// <summary>
    /// Shows finch's pull progress table as Write-Progress: one parent activity for the pull (elapsed, total, rate) and a
    /// child per blob with its status and bytes; every record is completed at the end.
    /// </summary>
    internal sealed class PullProgressDisplay
    {
        private readonly Cmdlet _cmdlet;
        private readonly int _parentId;
        private readonly string _activity;
        private readonly Dictionary<string, int> _ids = new Dictionary<string, int>();
        private readonly Dictionary<string, string> _shown = new Dictionary<string, string>();
        private bool _parentShown;

        public PullProgressDisplay(Cmdlet cmdlet, string activity, int parentId = 1)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _parentId = parentId;
        }

        /// <summary>Runs on the pipeline thread with a progress block's state.</summary>
        public void Show(SociRunEvent block)
        {
            var elapsed = block.Elapsed;
            var status = elapsed == null
                ? "Pulling"
                : string.Format(CultureInfo.InvariantCulture, "{0:0.0} s elapsed, {1} ({2})", elapsed.Seconds, elapsed.Total?.Text ?? "?", elapsed.Rate);
            _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, status));
            _parentShown = true;
            foreach (var blob in block.Blobs)
            {
                if (blob.Kind == ProgressRefKind.Image) continue;
                var line = blob.Current != null && blob.Total != null
                    ? $"{blob.Status.ToString().ToLowerInvariant()} {blob.Current.Text}/{blob.Total.Text}"
                    : blob.Status.ToString().ToLowerInvariant();
                if (_shown.TryGetValue(blob.Ref, out var before) && before == line) continue;
                _shown[blob.Ref] = line;
                var record = new ProgressRecord(IdOf(blob.Ref), Title(blob), line) { ParentActivityId = _parentId };
                var percent = Percent(blob);
                if (percent.HasValue) record.PercentComplete = percent.Value;
                _cmdlet.WriteProgress(record);
            }
        }

        public void Complete()
        {
            try
            {
                foreach (var entry in _ids)
                {
                    _cmdlet.WriteProgress(new ProgressRecord(entry.Value, entry.Key, "Done") { ParentActivityId = _parentId, RecordType = ProgressRecordType.Completed });
                }
                if (_parentShown) _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host drops the pipeline's progress display itself.
            }
            _ids.Clear();
            _parentShown = false;
        }

        private static int? Percent(BlobProgress blob)
        {
            if (blob.Status == TransferStatus.Done || blob.Status == TransferStatus.Exists || blob.Status == TransferStatus.Resolved) return 100;
            if (blob.Current?.Bytes is long current && blob.Total?.Bytes is long total && total > 0)
            {
                return (int)System.Math.Min(100, current * 100 / total);
            }
            return null;
        }

        private static string Title(BlobProgress blob)
        {
            var digest = blob.Digest?.Encoded;
            return blob.Kind + " " + (digest == null ? blob.Ref : digest.Substring(0, 12));
        }

        private int IdOf(string reference)
        {
            if (!_ids.TryGetValue(reference, out var id))
            {
                id = _parentId * 1000 + 1 + _ids.Count;
                _ids[reference] = id;
            }
            return id;
        }
    }
}
