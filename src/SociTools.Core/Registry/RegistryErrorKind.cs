namespace SociTools.Core.Registry
{
    /// <summary>Why a registry operation failed, in terms a caller can branch on.</summary>
    public enum RegistryErrorKind
    {
        Unauthorized,
        Forbidden,
        NotFound,
        NotOciRegistry,
        Throttled,
        ServerError,
        Network,
        Protocol,

        /// <summary>The registry does not offer the operation, e.g. deletes disabled (HTTP 405).</summary>
        Unsupported,
    }
}
