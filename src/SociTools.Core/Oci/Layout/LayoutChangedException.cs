using System;

namespace SociTools.Core.Oci.Layout
{
    /// <summary>Another writer changed the layout's index.json in a way this change cannot be applied on top of; nothing was written.</summary>
    public sealed class LayoutChangedException : Exception
    {
        public LayoutChangedException(string message) : base(message)
        {
        }
    }
}
