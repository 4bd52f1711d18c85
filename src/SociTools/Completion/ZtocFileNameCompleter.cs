using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SociTools.Core.Ztoc.Extraction;
using SociTools.Formatting;

namespace SociTools.Completion
{
    /// <summary>
    /// -Name of a file in a layer: the paths the zTOCs of the layout at -Path hold (the layer's at -LayerDigest when given),
    /// one folder level at a time like file-name completion, so a layer of thousands of files offers a short list.
    /// </summary>
    public sealed class ZtocFileNameCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters)
        {
            var typed = CompletionValues.Typed(wordToComplete);
            // Kept as typed: '/etc/os' completes to '/etc/os-release', 'etc/os' to 'etc/os-release'.
            var lead = typed.StartsWith("/", StringComparison.Ordinal) ? "/" : "";
            var prefix = ZtocFileLookup.Normalize(typed) + (typed.EndsWith("/", StringComparison.Ordinal) && typed.Trim('/').Length > 0 ? "/" : "");
            var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
            foreach (var located in LayoutZtocs.Read(fakeBoundParameters))
            {
                foreach (var file in located.Ztoc.Files)
                {
                    var name = ZtocFileLookup.Normalize(file.Name.ToString());
                    if (name.Length == 0 || !name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    var slash = name.IndexOf('/', prefix.Length);
                    if (slash >= 0)
                    {
                        var folder = name.Substring(0, slash + 1);
                        candidates[folder] = new Candidate(lead + folder, folder.Substring(folder.LastIndexOf('/', folder.Length - 2) + 1), "folder " + folder);
                    }
                    else if (file.Type == "reg")
                    {
                        candidates[name] = new Candidate(lead + name, name.Substring(name.LastIndexOf('/') + 1),
                            $"{name} ({DisplayFormat.Size(file.UncompressedSize)}, layer {DisplayFormat.ShortDigest(located.Reference.LayerDigest.ToString())})");
                    }
                }
            }
            // Already matched above, against the normalized name.
            return CompletionValues.Matching(candidates.Values, wordToComplete, (_, _) => true).ToList();
        }
    }
}
