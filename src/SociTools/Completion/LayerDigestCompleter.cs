using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SociTools.Formatting;

namespace SociTools.Completion
{
    /// <summary>-LayerDigest: the layers that have a zTOC in the SOCI indexes of the layout at -Path.</summary>
    public sealed class LayerDigestCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var candidates = LayoutZtocs.References(fakeBoundParameters).Select(z => new Candidate(
                    z.LayerDigest.ToString(),
                    DisplayFormat.ShortDigest(z.LayerDigest.ToString()),
                    $"layer {z.LayerDigest} ({z.LayerMediaType}), zTOC {z.Ztoc.Digest}"));
                return CompletionValues.Matching(candidates, wordToComplete, CompletionValues.DigestMatches).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
