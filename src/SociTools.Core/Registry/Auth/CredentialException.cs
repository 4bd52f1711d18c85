using System;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>A credential could not be looked up; the message says where and what to do, and never holds a secret.</summary>
    public class CredentialException : Exception
    {
        public CredentialException(string message) : base(message) { }

        public CredentialException(string message, Exception inner) : base(message, inner) { }
    }
}
