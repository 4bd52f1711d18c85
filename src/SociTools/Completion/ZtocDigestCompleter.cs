using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SociTools.Formatting;

namespace SociTools.Completion
{
    /// <summary>-Digest of a zTOC: the zTOCs that the SOCI indexes of the layout at -Path list.</summary>
    public sealed class ZtocDigestCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var candidates = LayoutZtocs.References(fakeBoundParameters).Select(z => new Candidate(
                    z.Ztoc.Digest.ToString(),
                    DisplayFormat.ShortDigest(z.Ztoc.Digest.ToString()),
                    $"zTOC {z.Ztoc.Digest} ({DisplayFormat.Size(z.Ztoc.Size)}) of layer {z.LayerDigest}"));
                return CompletionValues.Matching(candidates, wordToComplete, CompletionValues.DigestMatches).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
