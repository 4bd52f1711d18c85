using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.IO;
using SociTools.Core.Oci.Content;
using SociTools.Core.Serialization;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>An OCI image layout directory (oci-layout, index.json, blobs/) used as a content and tag store.</summary>
    public sealed partial class OciLayout : IOciStore
    {
        public const string LayoutFileName = "oci-layout";
        public const string IndexFileName = "index.json";
        public const string BlobsDirectoryName = "blobs";
        private const string LayoutFileContent = "{\"imageLayoutVersion\":\"1.0.0\"}";
        private const int CopyBufferSize = 81920;

        private readonly string _blobsRoot;

        private OciLayout(string directory)
        {
            Directory = Path.GetFullPath(directory);
            _blobsRoot = Path.Combine(Directory, BlobsDirectoryName) + Path.DirectorySeparatorChar;
        }

        public string Directory { get; }

        /// <summary>Opens an existing layout; throws when the directory lacks a valid oci-layout file or index.json.</summary>
        public static OciLayout Open(string directory)
        {
            if (!System.IO.Directory.Exists(directory))
            {
                throw new SociFormatException($"{directory} is not an OCI image layout: the directory does not exist.");
            }
            var layoutFile = Path.Combine(directory, LayoutFileName);
            if (!File.Exists(layoutFile))
            {
                throw new SociFormatException($"{directory} is not an OCI image layout: it has no {LayoutFileName} file.");
            }
            CheckLayoutVersion(directory, layoutFile);
            var layout = new OciLayout(directory);
            layout.ReadIndexFile();
            return layout;
        }

        /// <summary>Opens the layout in <paramref name="directory"/>, creating an empty one when the directory is empty or missing.</summary>
        public static OciLayout Create(string directory) => Create(directory, stagingDirectory: null);

        /// <summary>As <see cref="Create(string)"/>, not counting an archive's staging directory inside it as content.</summary>
        internal static OciLayout Create(string directory, string? stagingDirectory)
        {
            if (IsLayout(directory)) return Open(directory);
            var staging = stagingDirectory == null ? null : Path.GetFullPath(stagingDirectory);
            if (System.IO.Directory.Exists(directory)
                && System.IO.Directory.EnumerateFileSystemEntries(directory).Any(entry => Path.GetFullPath(entry) != staging))
            {
                throw new SociFormatException($"{directory} is not empty and is not an OCI image layout; refusing to write a layout into it.");
            }
            System.IO.Directory.CreateDirectory(Path.Combine(directory, BlobsDirectoryName, Digest.Sha256Algorithm));
            var layout = new OciLayout(directory);
            File.WriteAllText(Path.Combine(layout.Directory, LayoutFileName), LayoutFileContent);
            File.WriteAllBytes(layout.IndexPath, OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex }));
            return layout;
        }

        /// <summary>True when the directory holds an oci-layout file and an index.json.</summary>
        public static bool IsLayout(string directory) =>
            File.Exists(Path.Combine(directory, LayoutFileName)) && File.Exists(Path.Combine(directory, IndexFileName));

        private string IndexPath => Path.Combine(Directory, IndexFileName);

        /// <summary>Where the blob lives: <c>blobs/&lt;algorithm&gt;/&lt;hex&gt;</c>, checked to stay inside blobs/.</summary>
        public string BlobPath(Digest digest)
        {
            if (digest.IsEmpty)
            {
                throw new SociFormatException("A descriptor without a digest cannot name a blob.");
            }
            var path = Path.GetFullPath(Path.Combine(_blobsRoot, digest.Algorithm, digest.Encoded));
            if (!path.StartsWith(_blobsRoot, StringComparison.Ordinal))
            {
                throw new SociFormatException($"The digest {digest} names a path outside {_blobsRoot}; refusing to use it.");
            }
            return path;
        }

        public Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = BlobPath(descriptor.Digest);
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new SociFormatException($"The blob {descriptor.Digest} is missing from the layout at {Directory}.", e);
            }
            var length = file.Length;
            if (length != descriptor.Size)
            {
                file.Dispose();
                throw new ContentVerificationException(
                    $"The blob {descriptor.Digest} in {Directory} has {length} bytes, but its descriptor says {descriptor.Size}: it was corrupted or replaced.");
            }
            return Task.FromResult<Stream>(new VerifyingStream(file, descriptor));
        }

        public Task<bool> ExistsAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(File.Exists(BlobPath(descriptor.Digest)));
        }

        /// <summary>Stores a blob through a temporary file that becomes visible only once its size and digest check out.</summary>
        public async Task PushAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        {
            var path = BlobPath(descriptor.Digest);
            if (File.Exists(path) && new FileInfo(path).Length == descriptor.Size) return;
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = AtomicFile.NewTemporaryPath(path);
            try
            {
                using (var verifying = new VerifyingStream(content, descriptor, leaveOpen: true))
                using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
                {
                    await verifying.CopyToAsync(target, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                }
                AtomicFile.Replace(temporary, path);
            }
            finally
            {
                AtomicFile.DeleteQuietly(temporary);
            }
        }

        /// <summary>
        /// Moves a file whose digest the caller computed while writing it into blobs/ by rename; the file must be
        /// on the same volume (an archive's staging directory inside the layout is).
        /// </summary>
        internal void AdoptFile(Digest digest, string sourcePath)
        {
            var target = BlobPath(digest);
            if (File.Exists(target) || !File.Exists(sourcePath)) return;
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(sourcePath, target);
        }

        private static void CheckLayoutVersion(string directory, string layoutFile)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(layoutFile));
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("imageLayoutVersion", out var version)
                    && version.ValueKind == JsonValueKind.String)
                {
                    return;
                }
            }
            catch (JsonException)
            {
            }
            throw new SociFormatException($"{directory} is not an OCI image layout: its {LayoutFileName} file has no imageLayoutVersion.");
        }
    }
}
