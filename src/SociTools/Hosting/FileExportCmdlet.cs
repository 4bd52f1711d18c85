using System.IO;
using System.Management.Automation;
using SociTools.Core.IO;

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
            return Path.Combine(destination, Run(_ => System.Threading.Tasks.Task.FromResult(LayerFileName.Of(nameInLayer)), nameInLayer));
        }

        /// <summary>
        /// Writes the file through <paramref name="extract"/> to a temporary sibling, then into place (refusing a file that
        /// appeared meanwhile unless -Force), with
        /// Write-Progress of the bytes written against <paramref name="size"/>.
        /// </summary>
        protected T WriteFile<T>(string destination, string name, long size, System.Func<Stream, System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> extract)
        {
            var activity = $"Extracting {name}";
            var lastPercent = -1;
            var progress = PipelineProgress<long>(written =>
            {
                var percent = size > 0 ? (int)System.Math.Min(100, written * 100 / size) : 100;
                if (percent == lastPercent) return;
                lastPercent = percent;
                WriteProgress(new ProgressRecord(1, activity, $"{written} of {size} bytes") { PercentComplete = percent });
            });
            try
            {
                return Run(token => DestinationFile.WriteAsync(destination, Force,
                    (output, t) => extract(new CountingWriteStream(output, progress.Report), t), token), name);
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>Stops the call when the destination exists and -Force was not given.</summary>
        protected void RefuseToOverwrite(string destination)
        {
            if (File.Exists(destination) && !Force)
            {
                Fail(new DestinationExistsException(destination, $"'{destination}' exists; use -Force to overwrite it."), "DestinationExists", ErrorCategory.ResourceExists, destination);
            }
        }
    }
}
