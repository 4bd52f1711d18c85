using System;

namespace SociTools.Core.Registry
{
    /// <summary>A registry operation that failed; the message says what to do and never holds a secret.</summary>
    public sealed class RegistryException : Exception
    {
        public RegistryException(RegistryErrorKind kind, string message, string reference, int? statusCode = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Reference = reference;
            StatusCode = statusCode;
        }

        public RegistryErrorKind Kind { get; }

        /// <summary>The HTTP status of the last response, when there was one.</summary>
        public int? StatusCode { get; }

        /// <summary>The image, repository or registry the operation was about.</summary>
        public string Reference { get; }
    }
}
