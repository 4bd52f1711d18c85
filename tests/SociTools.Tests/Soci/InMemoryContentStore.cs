using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Tests.Soci
{
    /// <summary>Content by digest, with digest resolution, for locator tests that need no transport.</summary>
    internal sealed class InMemoryContentStore : IContentReader, ITagStore
    {
        private readonly Dictionary<Digest, (string MediaType, byte[] Bytes)> _blobs = new Dictionary<Digest, (string, byte[])>();

        public List<string> Resolved { get; } = new List<string>();

        public Descriptor Add(string mediaType, byte[] bytes)
        {
            var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Compute(bytes), Size = bytes.Length };
            _blobs[descriptor.Digest] = (mediaType, bytes);
            return descriptor;
        }

        public Descriptor AddManifest(Manifest manifest) => Add(manifest.MediaType ?? MediaTypes.OciManifest, OciJson.Serialize(manifest));

        public Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (!_blobs.TryGetValue(descriptor.Digest, out var blob)) throw new FileNotFoundException($"{descriptor.Digest} is not stored.");
            if (blob.Bytes.Length != descriptor.Size) throw new InvalidOperationException($"{descriptor.Digest} was asked for with size {descriptor.Size}.");
            return Task.FromResult<Stream>(new MemoryStream(blob.Bytes, writable: false));
        }

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => Task.FromResult(_blobs.ContainsKey(descriptor.Digest));

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
        {
            Resolved.Add(reference);
            var digest = Digest.Parse(reference);
            if (!_blobs.TryGetValue(digest, out var blob)) throw new FileNotFoundException($"{reference} is not stored.");
            return Task.FromResult(new Descriptor { MediaType = blob.MediaType, Digest = digest, Size = blob.Bytes.Length });
        }

        public Task TagAsync(Descriptor descriptor, string tag, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Locator tests never tag.");
    }
}
