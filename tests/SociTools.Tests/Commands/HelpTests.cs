using System.Linq;
using System.Management.Automation;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class HelpTests
    {
        [Fact]
        public void Every_exported_cmdlet_has_a_synopsis_a_description_described_parameters_and_an_example()
        {
            using var session = new PowerShellSession();
            var commands = session.Invoke("(Get-Module SociTools).ExportedCmdlets.Keys");
            commands.ThrowIfErrors();
            Assert.NotEmpty(commands.Output);
            foreach (var name in commands.Output.Select(o => o.ToString()))
            {
                var help = session.Invoke("Get-Help -Name $args[0] -Full", name);
                help.ThrowIfErrors();
                var info = help.Output.Single();
                var synopsis = info.Properties["Synopsis"]?.Value?.ToString() ?? "";
                Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{name} has no synopsis");
                // Without MAML help, PowerShell shows the syntax line as the synopsis.
                Assert.False(synopsis.Trim() == name || synopsis.TrimStart().StartsWith(name + " "), $"{name} has no written synopsis");
                Assert.NotNull(info.Properties["description"]?.Value);
                var examples = session.Invoke("@((Get-Help -Name $args[0] -Examples).examples.example).Count", name);
                Assert.True((int)examples.Output.Single().BaseObject > 0, $"{name} has no example");
                var undocumented = session.Invoke(
                    "$h = Get-Help -Name $args[0] -Full; $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters; " +
                    "(Get-Command $args[0]).Parameters.Keys | Where-Object { $common -notcontains $_ } | Where-Object { $p = $_; -not (@($h.parameters.parameter) | Where-Object { $_.name -eq $p -and $_.description }) }",
                    name);
                undocumented.ThrowIfErrors();
                Assert.True(undocumented.Output.Count == 0, $"{name} has undocumented parameters: " + string.Join(", ", undocumented.Output));
            }
        }
    }
}
