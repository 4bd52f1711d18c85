using System;
using System.IO;
using SociTools.Core.Oci.Layout;

namespace SociTools.Core.Oci
{
    /// <summary>An image opened as a layout; a layout unpacked to a temporary folder is deleted on dispose.</summary>
    public sealed class OpenedImage : IDisposable
    {
        private readonly string? _temporaryFolder;

        public OpenedImage(OciLayout layout, string? temporaryFolder)
        {
            Layout = layout;
            _temporaryFolder = temporaryFolder;
        }

        public OciLayout Layout { get; }

        public void Dispose()
        {
            if (_temporaryFolder != null && Directory.Exists(_temporaryFolder)) Directory.Delete(_temporaryFolder, recursive: true);
        }
    }
}
