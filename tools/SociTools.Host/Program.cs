using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SociTools.Host
{
    /// <summary>
    /// Runs a PowerShell script with the SociTools module imported, on machines without pwsh.
    /// It hosts the same engine the tests use; only PowerShell's core cmdlets exist in it.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: socitools-host <script.ps1> [arguments...]");
                return 2;
            }
            var script = Path.GetFullPath(args[0]);
            if (!File.Exists(script))
            {
                Console.Error.WriteLine($"script not found: {script}");
                return 2;
            }

            var state = InitialSessionState.CreateDefault2();
            using var runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(), state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("Import-Module -Name $args[0] -ErrorAction Stop").AddArgument(FindModuleManifest());
            shell.Invoke();
            shell.Commands.Clear();
            if (shell.HadErrors)
            {
                foreach (var error in shell.Streams.Error) Console.Error.WriteLine(error);
                return 1;
            }
            shell.Streams.ClearStreams();

            shell.AddCommand(script);
            foreach (var argument in args.Skip(1)) shell.AddArgument(argument);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) => ObjectPrinter.Print(output[e.Index], Console.Out);
            shell.Streams.Error.DataAdded += (_, e) => Console.Error.WriteLine("ERROR: " + shell.Streams.Error[e.Index]);
            // The engine hands warnings, verbose lines, progress and PSHOST-tagged information to ConsoleHostUserInterface itself;
            // only the information it does not show is printed here.
            shell.Streams.Information.DataAdded += (_, e) =>
            {
                var record = shell.Streams.Information[e.Index];
                if (!record.Tags.Contains("PSHOST")) Console.Out.WriteLine(record.MessageData);
            };
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; shell.BeginStop(null, null); };
            try
            {
                shell.Invoke(null, output);
            }
            catch (RuntimeException terminating)
            {
                Console.Error.WriteLine("ERROR: " + terminating.ErrorRecord);
                return 1;
            }
            return shell.HadErrors ? 1 : 0;
        }

        private static string FindModuleManifest()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null)
            {
                var manifest = Path.Combine(directory.FullName, "module", "SociTools", "SociTools.psd1");
                if (File.Exists(manifest)) return manifest;
                directory = directory.Parent;
            }
            throw new FileNotFoundException("module/SociTools/SociTools.psd1 not found above " + AppContext.BaseDirectory);
        }
    }
}
