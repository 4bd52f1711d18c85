using System.IO;
using System.Management.Automation;

namespace SociTools.Hosting
{
    /// <summary>The -Destination and -Force of the cmdlets that write one file read through a zTOC.</summary>
    public abstract class FileExportCmdlet : SociCmdlet
    {
        /// <summary>The file to write, or an existing folder to write it into under its own name.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        /// <summary>Overwrite the destination.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The full path to write the file named <paramref name="nameInLayer"/> to.</summary>
        protected string DestinationFor(string nameInLayer)
        {
            var destination = FileSystemPath(Destination);
            if (!Directory.Exists(destination)) return destination;
            var trimmed = nameInLayer.TrimEnd('/');
            return Path.Combine(destination, trimmed.Substring(trimmed.LastIndexOf('/') + 1));
        }

        /// <summary>Stops the call when the destination exists and -Force was not given.</summary>
        protected void RefuseToOverwrite(string destination)
        {
            if (File.Exists(destination) && !Force)
            {
                Fail(new IOException($"'{destination}' exists; use -Force to overwrite it."), "DestinationExists", ErrorCategory.ResourceExists, destination);
            }
        }
    }
}
