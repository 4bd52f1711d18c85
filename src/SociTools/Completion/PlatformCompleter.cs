using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SociTools.Core.Oci.Platforms;

namespace SociTools.Completion
{
    /// <summary>
    /// -Platform: the platforms of the image in the OCI layout at -Path (its index and manifests are small files);
    /// without a layout, the platforms Finch's VMs run (linux/amd64, linux/arm64) and this host's.
    /// </summary>
    public sealed class PlatformCompleter : ValueCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
        private static readonly string[] FinchPlatforms = { "linux/amd64", "linux/arm64" };

        protected override IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Matching(Candidates(fakeBoundParameters), wordToComplete).ToList();
        }

        private static IEnumerable<Candidate> Candidates(IDictionary fakeBoundParameters)
        {
            var layout = CompletionInput.Layout(fakeBoundParameters);
            if (layout != null)
            {
                var inImage = CompletionInput.Within(Budget, async token =>
                {
                    var image = await layout.ResolveImageAsync(null, token).ConfigureAwait(false);
                    var manifests = await ImagePlatforms.SelectAsync(layout, image, PlatformSelection.All, token).ConfigureAwait(false);
                    return manifests.Where(m => m.Platform != null)
                        .Select(m => new Candidate(m.Platform!.ToString(), toolTip: $"{m.Platform} (manifest {m.Descriptor.Digest})"))
                        .ToList();
                }, new List<Candidate>());
                if (inImage.Count > 0) return inImage;
            }
            return FinchPlatforms.Concat(new[] { PlatformSelection.Current().ToString() }).Select(p => new Candidate(p));
        }
    }
}
