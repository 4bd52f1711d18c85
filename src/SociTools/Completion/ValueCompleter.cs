using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SociTools.Completion
{
    /// <summary>
    /// The base of SociTools' completers: any failure means nothing to offer, since a completer that throws makes
    /// PowerShell fall back to file names and must never break the prompt.
    /// </summary>
    public abstract class ValueCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return Complete(wordToComplete ?? "", fakeBoundParameters).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <param name="fakeBoundParameters">The parameters typed so far whose values PowerShell could evaluate safely.</param>
        protected abstract IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters);
    }
}
