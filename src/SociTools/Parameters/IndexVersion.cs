namespace SociTools
{
    /// <summary>
    /// The SOCI index version a user asks for. A parameter type of the cmdlets assembly, not the core's enum: the core
    /// loads in the module's private context, where PowerShell cannot name its types, and a proxy command (Pester's
    /// Mock) must be able to declare every parameter's type.
    /// </summary>
    public enum IndexVersion
    {
        V1 = Core.Soci.SociIndexVersion.V1,
        V2 = Core.Soci.SociIndexVersion.V2,
    }
}
