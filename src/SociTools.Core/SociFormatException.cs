using System;

namespace SociTools.Core
{
    /// <summary>Input that breaks a format SociTools reads: gzip, deflate, tar, zTOC, zinfo, OCI JSON.</summary>
    public class SociFormatException : Exception
    {
        public SociFormatException(string message) : base(message) { }

        public SociFormatException(string message, Exception inner) : base(message, inner) { }
    }
}
