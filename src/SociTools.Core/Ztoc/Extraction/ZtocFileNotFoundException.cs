using System;

namespace SociTools.Core.Ztoc.Extraction
{
    /// <summary>The file asked for is not in the layer's zTOC, or is not a regular file.</summary>
    public sealed class ZtocFileNotFoundException : Exception
    {
        public ZtocFileNotFoundException(string name, string layerName)
            : base($"'{name}' is not in the zTOC of {layerName}.")
        {
        }

        public ZtocFileNotFoundException(string message) : base(message)
        {
        }
    }
}
