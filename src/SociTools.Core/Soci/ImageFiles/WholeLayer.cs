using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Compression;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Content;
using SociTools.Core.Tar;
using SociTools.Core.Ztoc;
using SociTools.Core.Soci.Building;

namespace SociTools.Core.Soci.ImageFiles
{
    /// <summary>
    /// A layer with no zTOC, fetched whole (its digest checked) into a temporary file so its tar entries can be
    /// read, as the snapshotter pulls such layers normally. The file is deleted on dispose.
    /// </summary>
    public sealed class WholeLayer : IDisposable
    {
        private const int BufferSize = 81920;
        private readonly string _path;
        private readonly GzipMemberEnds? _gzipMembers;

        private WholeLayer(string path, GzipMemberEnds? gzipMembers, Descriptor layer, IReadOnlyList<FileMetadata> files)
        {
            _path = path;
            _gzipMembers = gzipMembers;
            Layer = layer;
            Files = files;
        }

        public Descriptor Layer { get; }

        /// <summary>The layer's tar entries, with offsets into the uncompressed tar, as a zTOC would list them.</summary>
        public IReadOnlyList<FileMetadata> Files { get; }

        /// <exception cref="LayerNotIndexedException">The layer is neither gzip nor tar (zstd, for one), so it cannot be read.</exception>
        public static async Task<WholeLayer> FetchAsync(IContentReader content, Descriptor layer, string layerName, CancellationToken cancellationToken)
        {
            var compression = SociLayerPolicy.Compression(layer.MediaType);
            var gzip = compression == "gzip";
            if (!gzip && compression != "uncompressed" && compression != "unknown")
            {
                throw new LayerNotIndexedException(layer.Digest,
                    $"Layer {layerName} has no zTOC in the SOCI index, and its media type '{layer.MediaType}' is neither gzip nor tar, so it cannot be read to look for the file.");
            }
            var path = Path.Combine(Path.GetTempPath(), "socitools-layer-" + Guid.NewGuid().ToString("n") + ".blob");
            try
            {
                using (var source = await content.OpenAsync(layer, cancellationToken).ConfigureAwait(false))
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                {
                    await source.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
                }
                var gzipMembers = gzip ? ScanGzipMembers(path, layerName) : null;
                var toc = new TarTocBuilder();
                var buffer = new byte[BufferSize];
                using (var file = OpenFile(path))
                using (var tar = Decompressed(file, gzipMembers))
                {
                    long decoded = 0;
                    try
                    {
                        int read;
                        while ((read = await tar.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            toc.Write(new ReadOnlySpan<byte>(buffer, 0, read));
                            decoded += read;
                        }
                    }
                    catch (InvalidDataException error)
                    {
                        throw GzipDecodeFailure.Describe($"Layer {layerName}", decoded, file.Position, error);
                    }
                }
                var files = toc.Complete().Entries.Select(ZtocAssembler.ToFileMetadata).ToList();
                return new WholeLayer(path, gzipMembers, layer, files);
            }
            catch
            {
                Delete(path);
                throw;
            }
        }

        /// <summary>Copies the bytes of one regular file of the layer.</summary>
        public async Task CopyFileAsync(FileMetadata file, Stream destination, CancellationToken cancellationToken)
        {
            var buffer = new byte[BufferSize];
            using var tar = OpenTar(_path, _gzipMembers);
            var toSkip = file.UncompressedOffset;
            var toCopy = file.UncompressedSize;
            while (toSkip + toCopy > 0)
            {
                var want = toSkip > 0 ? (int)Math.Min(buffer.Length, toSkip) : (int)Math.Min(buffer.Length, toCopy);
                var read = await tar.ReadAsync(buffer, 0, want, cancellationToken).ConfigureAwait(false);
                if (read == 0) throw new SociFormatException($"Layer {Layer.Digest} ended before the end of '{file.Name}'.");
                if (toSkip > 0)
                {
                    toSkip -= read;
                    continue;
                }
                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                toCopy -= read;
            }
        }

        public void Dispose() => Delete(_path);

        private static GzipMemberEnds ScanGzipMembers(string path, string layerName)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
            try
            {
                return GzipMemberEnds.Scan(file);
            }
            catch (SociFormatException ex)
            {
                throw NotGzip(layerName, ex);
            }
        }

        private static SociFormatException NotGzip(string layerName, Exception ex) =>
            new SociFormatException($"Layer {layerName} is not valid gzip: {ex.Message}", ex);

        private static Stream OpenTar(string path, GzipMemberEnds? gzipMembers)
        {
            return Decompressed(OpenFile(path), gzipMembers);
        }

        private static Stream Decompressed(FileStream file, GzipMemberEnds? gzipMembers) =>
            gzipMembers == null ? file : (Stream)new MemberwiseGzipStream(file, gzipMembers, leaveOpen: false, CancellationToken.None);

        private static FileStream OpenFile(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);

        private static void Delete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException)
            {
                // Left in the temp folder for the OS to clean.
            }
        }
    }
}
