namespace SociTools.Core.Registry.Auth
{
    /// <summary>The host OS, which decides where Finch keeps its config and whether Finch's helpers can run.</summary>
    public enum CredentialPlatform
    {
        Linux,
        MacOS,
        Windows,
    }
}
