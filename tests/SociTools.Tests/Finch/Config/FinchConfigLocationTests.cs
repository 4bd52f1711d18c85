using System;
using System.IO;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    [Collection(FinchEnvironmentCollection.Name)]
    public class FinchConfigLocationTests
    {
        [Fact]
        public void Each_host_kind_has_finchs_own_location()
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            var localAppData = Environment.GetEnvironmentVariable("LOCALAPPDATA");
            try
            {
                Environment.SetEnvironmentVariable("HOME", "/Users/dev");
                Environment.SetEnvironmentVariable("LOCALAPPDATA", "/c/Users/dev/AppData/Local");

                Assert.Equal(Path.Combine("/Users/dev", ".finch", "finch.yaml"), FinchConfigLocation.DefaultPath(FinchHostKind.MacOS));
                Assert.Equal(Path.Combine("/c/Users/dev/AppData/Local", ".finch", "finch.yaml"), FinchConfigLocation.DefaultPath(FinchHostKind.Windows));
                Assert.Equal("/etc/finch/finch.yaml", FinchConfigLocation.DefaultPath(FinchHostKind.LinuxNative));
            }
            finally
            {
                Environment.SetEnvironmentVariable("HOME", home);
                Environment.SetEnvironmentVariable("LOCALAPPDATA", localAppData);
            }
        }

        [Fact]
        public void A_given_path_wins_over_the_host_default()
        {
            Assert.Equal("/tmp/elsewhere/finch.yaml", FinchConfigLocation.Resolve("/tmp/elsewhere/finch.yaml", FinchHostKind.Windows));
        }

        [Fact]
        public void Windows_without_LOCALAPPDATA_asks_for_a_path()
        {
            var localAppData = Environment.GetEnvironmentVariable("LOCALAPPDATA");
            try
            {
                Environment.SetEnvironmentVariable("LOCALAPPDATA", null);

                var error = Assert.Throws<FinchException>(() => FinchConfigLocation.Resolve(null, FinchHostKind.Windows));

                Assert.Contains("LOCALAPPDATA", error.Message);
                Assert.Contains("-ConfigPath", error.Message);
            }
            finally
            {
                Environment.SetEnvironmentVariable("LOCALAPPDATA", localAppData);
            }
        }
    }
}
