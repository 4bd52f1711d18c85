using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Oci.Layout;
using SociTools.Core.Registry;
using SociTools.Core.IO;

namespace SociTools.Core.Soci.Publishing
{
    /// <summary>
    /// Reads content for an upload to a <see cref="RegistryRepository"/>. Large blobs are read ahead of the
    /// sender (see <see cref="ReadAheadStream"/>); those that are layout files are read without hashing, because
    /// the registry client hashes what it sends and commits nothing whose digest or size differs, so a second
    /// hash here would only spend CPU the index build needs. Everything else comes from the given reader.
    /// </summary>
    internal sealed class RegistryUploadReader : IContentReader
    {
        private const int BufferSize = 2 * 1024 * 1024;
        private const int BufferCount = 8;
        private const int FileBufferSize = 1 << 16;

        private readonly IContentReader _content;
        private readonly OciLayout _layout;

        public RegistryUploadReader(IContentReader content, OciLayout layout)
        {
            _content = content;
            _layout = layout;
        }

        public async Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (descriptor.Size <= BufferSize || MediaTypes.IsManifest(descriptor.MediaType) || MediaTypes.IsIndex(descriptor.MediaType))
            {
                return await _content.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
            var file = OpenLayoutFile(descriptor);
            if (file == null)
            {
                var content = await _content.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
                return new ReadAheadStream(content, BufferSize, BufferCount);
            }
            // An upload that has to start over reopens the file rather than spooling everything it sent.
            return new ReopeningStream(() =>
            {
                var source = Interlocked.Exchange(ref file, null) ?? OpenLayoutFile(descriptor)
                    ?? throw new IOException($"The layout file of {descriptor.Digest} went missing or changed size during the push.");
                return new ReadAheadStream(source, BufferSize, BufferCount);
            });
        }

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => _content.ExistsAsync(descriptor, cancellationToken);

        /// <summary>The blob's file when the layout holds it at its declared size; otherwise null, leaving the error to the verifying reader.</summary>
        private Stream? OpenLayoutFile(Descriptor descriptor)
        {
            try
            {
                var file = new FileStream(_layout.BlobPath(descriptor.Digest), FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, useAsync: true);
                if (file.Length == descriptor.Size) return file;
                file.Dispose();
            }
            catch (IOException)
            {
            }
            catch (System.UnauthorizedAccessException)
            {
            }
            return null;
        }
    }
}
