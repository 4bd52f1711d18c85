using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Config;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>Get-FinchConfig: finch.yaml's settings, with where each applies and whether a change needs a VM restart or re-creation.</summary>
    [Cmdlet(VerbsCommon.Get, "FinchConfig")]
    [OutputType(typeof(FinchConfig))]
    public sealed class GetFinchConfigCommand : SociCmdlet
    {
        /// <summary>The finch.yaml to read; by default the one Finch reads on this host.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        protected override void ProcessItem()
        {
            var host = Run(_ => Task.FromResult(FinchHostPlatform.Current), ConfigPath);
            var given = ConfigPath == null ? null : FileSystemPath(ConfigPath);
            var path = Run(_ => Task.FromResult(FinchConfigLocation.Resolve(given, host)), ConfigPath);
            var settings = Run(token => FinchConfigFile.ReadAsync(path, token), path);
            if (!settings.Exists)
            {
                WriteVerbose($"{path} does not exist; Finch uses its defaults and writes them there at its next command.");
            }
            if (host == FinchHostKind.LinuxNative && settings.SetKeys.Contains(FinchSettings.SnapshottersKey))
            {
                WriteWarning(FinchConfigWarnings.LinuxIgnoresSnapshotters);
            }
            var output = FinchConfigOutput.From(settings, host);
            if (output.UnsupportedSnapshotters.Count > 0 && host != FinchHostKind.LinuxNative)
            {
                WriteWarning(FinchConfigWarnings.Unsupported(output.UnsupportedSnapshotters));
            }
            WriteObject(output);
        }
    }
}
