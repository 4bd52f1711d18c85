using System.Linq;
using System.Management.Automation;
using SociTools.Tests.Hosting;
using Xunit;

namespace SociTools.Tests.Commands
{
    public class ModuleManifestTests
    {
        [Fact]
        public void Module_imports_into_the_hosted_engine_from_its_manifest()
        {
            using var session = new PowerShellSession();
            var result = session.Invoke("Get-Module -Name SociTools");
            result.ThrowIfErrors();
            var module = Assert.IsType<PSModuleInfo>(result.Output.Single().BaseObject);
            Assert.Equal("0.1.0", module.Version.ToString());
        }

        [Fact]
        public void Module_folder_holds_no_PowerShell_engine_assembly()
        {
            var folder = System.IO.Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
            Assert.False(System.IO.File.Exists(System.IO.Path.Combine(folder, "System.Management.Automation.dll")));
        }
    }
}
