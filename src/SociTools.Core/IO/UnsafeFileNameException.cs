using System;

namespace SociTools.Core.IO
{
    /// <summary>A path from a layer whose last segment cannot safely be used as a local file name.</summary>
    public sealed class UnsafeFileNameException : Exception
    {
        public UnsafeFileNameException(string pathInLayer, string message) : base(message)
        {
            PathInLayer = pathInLayer;
        }

        /// <summary>The path as the layer names it.</summary>
        public string PathInLayer { get; }
    }
}
