using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>
    /// Blob writes and one index.json change made under the layout's lock, landing together or not at all: until
    /// <see cref="CommitAsync"/> has replaced index.json, disposing removes every blob this update added, so a
    /// failure or Ctrl+C leaves the layout exactly as it was. Blobs that were already there are never removed.
    /// </summary>
    public sealed class LayoutUpdate : IBlobStore, IDisposable
    {
        private readonly OciLayout _layout;
        private readonly FileLock _lock;
        private readonly List<string> _added = new List<string>();
        private bool _committed;
        private bool _disposed;

        internal LayoutUpdate(OciLayout layout, FileLock held)
        {
            _layout = layout;
            _lock = held;
        }

        /// <summary>index.json as it is now; no other writer can change it until this update is disposed.</summary>
        public ImageIndex ReadIndex() => _layout.ReadIndexFile();

        public Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken) => _layout.OpenAsync(descriptor, cancellationToken);

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => _layout.ExistsAsync(descriptor, cancellationToken);

        public async Task PushAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            ThrowIfFinished();
            var path = _layout.BlobPath(descriptor.Digest);
            var existed = File.Exists(path);
            await _layout.PushAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
            if (!existed) _added.Add(path);
        }

        /// <summary>Applies <paramref name="update"/> to index.json as it is now and replaces the file in one rename.</summary>
        public async Task<ImageIndex> CommitAsync(Func<ImageIndex, ImageIndex> update, CancellationToken cancellationToken)
        {
            ThrowIfFinished();
            var updated = update(ReadIndex());
            await CommitAsync(OciJson.Serialize(updated), cancellationToken).ConfigureAwait(false);
            return updated;
        }

        /// <summary>Replaces index.json with <paramref name="json"/> in one rename.</summary>
        public async Task CommitAsync(byte[] json, CancellationToken cancellationToken)
        {
            ThrowIfFinished();
            await _layout.WriteIndexFileAsync(json, cancellationToken).ConfigureAwait(false);
            _committed = true;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                if (_committed) return;
                // Still under the lock: no other writer can have listed these blobs in index.json meanwhile.
                foreach (var path in _added) AtomicFile.DeleteQuietly(path);
            }
            finally
            {
                _lock.Dispose();
            }
        }

        private void ThrowIfFinished()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(LayoutUpdate));
            if (_committed) throw new InvalidOperationException("This layout update has already replaced index.json; begin another for further changes.");
        }
    }
}
