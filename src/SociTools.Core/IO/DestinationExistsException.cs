using System.IO;

namespace SociTools.Core.IO
{
    /// <summary>The file to write exists and may not be overwritten; it was left as it was.</summary>
    public sealed class DestinationExistsException : IOException
    {
        public DestinationExistsException(string path, string message) : base(message)
        {
            Path = path;
        }

        /// <summary>The file that was kept.</summary>
        public string Path { get; }
    }
}
