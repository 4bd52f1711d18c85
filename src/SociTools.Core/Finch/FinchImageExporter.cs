using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>Exports a local Finch image to a docker-archive with <c>finch save -o &lt;file&gt; &lt;image&gt;</c>.</summary>
    public sealed class FinchImageExporter
    {
        private readonly FinchCli _finch;

        public FinchImageExporter(FinchCli finch)
        {
            _finch = finch;
        }

        public FinchImageExporter(string finchExecutable) : this(new FinchCli(finchExecutable, FinchHostPlatform.Current))
        {
        }

        public async Task SaveAsync(string image, string archivePath, CancellationToken cancellationToken)
        {
            await _finch.RunCheckedAsync(new[] { "save", "-o", archivePath, image }, null, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(archivePath) || new FileInfo(archivePath).Length == 0)
            {
                throw new FinchException($"'finch save {image}' reported success but wrote no archive at {archivePath}.");
            }
        }
    }
}
