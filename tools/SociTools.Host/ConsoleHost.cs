using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace SociTools.Host
{
    /// <summary>A minimal non-interactive host: enough for Write-Host and for cmdlets that ask for a host.</summary>
    internal sealed class ConsoleHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId => _id;
        public override string Name => "socitools-host";
        public override PSHostUserInterface UI { get; } = new ConsoleHostUserInterface();
        public override Version Version => new Version(0, 1);
        public override void EnterNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
        public override void ExitNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) => Environment.Exit(exitCode);
    }
}
