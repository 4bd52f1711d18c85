using System.Collections.Generic;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>A reference that names no image, or more than one, in a layout; lists the names there are.</summary>
    public sealed class ImageReferenceException : SociFormatException
    {
        public ImageReferenceException(string message, string? reference, IReadOnlyList<string> availableNames)
            : base(message)
        {
            Reference = reference;
            AvailableNames = availableNames;
        }

        public string? Reference { get; }

        public IReadOnlyList<string> AvailableNames { get; }
    }
}
