using System.Collections.Generic;
using System.Management.Automation;
using SociTools.Core.Oci;

namespace SociTools.Hosting
{
    /// <summary>
    /// Write-Progress for work done layer by layer: one parent activity, and a child per layer whose
    /// percentage is its bytes read; every record is completed when its layer is done.
    /// </summary>
    internal sealed class LayerProgress
    {
        private readonly int _parentId;
        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly Dictionary<Digest, int> _ids = new Dictionary<Digest, int>();
        private readonly Dictionary<Digest, int> _lastPercent = new Dictionary<Digest, int>();
        private readonly int _layerCount;
        private int _done;

        public LayerProgress(Cmdlet cmdlet, string activity, int layerCount, int parentId = 1)
        {
            _parentId = parentId;
            _cmdlet = cmdlet;
            _activity = activity;
            _layerCount = layerCount;
        }

        public void Bytes(Descriptor layer, long bytes)
        {
            var percent = layer.Size > 0 ? (int)System.Math.Min(100, bytes * 100 / layer.Size) : 100;
            if (_lastPercent.TryGetValue(layer.Digest, out var last) && last == percent) return;
            _lastPercent[layer.Digest] = percent;
            var record = new ProgressRecord(IdOf(layer), "Layer " + Short(layer.Digest), $"{bytes / (1 << 20)} of {layer.Size / (1 << 20)} MiB")
            {
                ParentActivityId = _parentId,
                PercentComplete = percent,
            };
            _cmdlet.WriteProgress(record);
            WriteParent();
        }

        public void LayerDone(Descriptor layer)
        {
            _done++;
            if (_ids.TryGetValue(layer.Digest, out var id))
            {
                _cmdlet.WriteProgress(new ProgressRecord(id, "Layer " + Short(layer.Digest), "Done")
                {
                    ParentActivityId = _parentId,
                    RecordType = ProgressRecordType.Completed,
                });
            }
            WriteParent();
        }

        public void Complete()
        {
            foreach (var id in _ids.Values)
            {
                _cmdlet.WriteProgress(new ProgressRecord(id, "Layer", "Done") { ParentActivityId = _parentId, RecordType = ProgressRecordType.Completed });
            }
            _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void WriteParent()
        {
            var percent = _layerCount == 0 ? 100 : System.Math.Min(100, _done * 100 / _layerCount);
            _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, $"{_done} of {_layerCount} layers") { PercentComplete = percent });
        }

        private int IdOf(Descriptor layer)
        {
            if (!_ids.TryGetValue(layer.Digest, out var id))
            {
                id = _parentId * 1000 + 1 + _ids.Count;
                _ids[layer.Digest] = id;
            }
            return id;
        }

        private static string Short(Digest digest) => digest.Encoded.Length > 12 ? digest.Encoded.Substring(0, 12) : digest.ToString();
    }
}
