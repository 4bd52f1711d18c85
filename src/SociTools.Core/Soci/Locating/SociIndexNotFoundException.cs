using System;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>No SOCI index was found for an image manifest by any of the snapshotter's lookups.</summary>
    public sealed class SociIndexNotFoundException : Exception
    {
        public SociIndexNotFoundException(string message) : base(message)
        {
        }
    }
}
