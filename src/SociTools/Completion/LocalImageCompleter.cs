using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Output;
using SociTools.Core.Finch.Run;

namespace SociTools.Completion
{
    /// <summary>
    /// -Image of a local Finch image: the names <c>finch image ls</c> lists. Nothing when finch is missing, slow, or
    /// its VM is not running (listing images would start the VM, which takes minutes).
    /// </summary>
    public sealed class LocalImageCompleter : ValueCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
        private const string None = "<none>";

        protected override IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters)
        {
            var given = CompletionInput.Text(fakeBoundParameters, "FinchPath");
            var finch = FinchCli.Locate(given == null ? null : CompletionInput.FileSystemPath(given));
            var images = CompletionInput.Within(Budget, async token =>
            {
                if (finch.Kind != FinchHostKind.LinuxNative
                    && await new FinchVm(finch).GetStateAsync(token).ConfigureAwait(false) != FinchVmState.Running)
                {
                    return Array.Empty<LocalImage>();
                }
                var listed = await finch.RunCheckedAsync(RunPreflightGatherer.ImageListArguments, null, token).ConfigureAwait(false);
                return LocalImageList.Parse(listed.StandardOutput);
            }, (IReadOnlyList<LocalImage>)Array.Empty<LocalImage>());
            var candidates = images
                .Where(i => i.Repository.Length > 0 && i.Repository != None && i.Tag.Length > 0 && i.Tag != None)
                .Select(i => new Candidate(i.Repository + ":" + i.Tag, toolTip: $"{i.Name} {i.Platform} {i.Size} ({i.Digest})"));
            return CompletionValues.Matching(candidates, wordToComplete).ToList();
        }
    }
}
