namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks this marker type, which C# needs for init-only setters and records.
    internal static class IsExternalInit
    {
    }
}
