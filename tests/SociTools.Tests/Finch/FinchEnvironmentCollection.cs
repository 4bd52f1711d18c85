using Xunit;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// Tests that set process-wide variables (SOCITOOLS_FINCH, SOCITOOLS_FINCH_PLATFORM, LOCALAPPDATA, HOME)
    /// run one at a time, apart from every other test that reads them.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class FinchEnvironmentCollection
    {
        public const string Name = "FinchEnvironment";
    }
}
