using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci.Layout;

namespace SociTools.Completion
{
    /// <summary>
    /// What completers read from the command line typed so far (fakeBoundParameters), and how they do slow work:
    /// bounded in time, and with every failure turned into "nothing to offer", since completion must never break the prompt.
    /// </summary>
    internal static class CompletionInput
    {
        /// <summary>The text of a parameter already typed as a constant; null when absent or not plain text.</summary>
        public static string? Text(IDictionary? fakeBoundParameters, string parameterName)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(parameterName)) return null;
            var value = fakeBoundParameters[parameterName];
            if (value is System.Management.Automation.PSObject wrapped) value = wrapped.BaseObject;
            return value is string text && text.Length > 0 ? text : null;
        }

        /// <summary>The OCI layout named by -Path, resolved against the current PowerShell location; null when it is not one.</summary>
        public static OciLayout? Layout(IDictionary? fakeBoundParameters)
        {
            var path = Text(fakeBoundParameters, "Path");
            if (path == null) return null;
            var folder = FileSystemPath(path);
            return folder != null && OciLayout.IsLayout(folder) ? OciLayout.Open(folder) : null;
        }

        /// <summary>A path as the provider sees it, relative to the current location; null when it cannot be resolved.</summary>
        public static string? FileSystemPath(string path)
        {
            // Completers run on the pipeline thread of the session asking; a script block there sees its current location.
            var resolved = ResolvePath.Invoke(path);
            return resolved.Count == 1 ? resolved[0]?.BaseObject as string : null;
        }

        private static readonly ScriptBlock ResolvePath =
            ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])");

        /// <summary>Runs <paramref name="work"/> for at most <paramref name="timeout"/>; on a timeout or any failure, <paramref name="fallback"/>.</summary>
        public static T Within<T>(TimeSpan timeout, Func<CancellationToken, Task<T>> work, T fallback)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                var task = Task.Run(() => work(cancellation.Token), cancellation.Token);
                return task.Wait(timeout) ? task.Result : fallback;
            }
            catch (Exception)
            {
                // A completer that throws makes PowerShell fall back to file names; offering nothing is the honest answer.
                return fallback;
            }
            finally
            {
                // Ends whatever the work started (a finch process) when it ran out of time.
                cancellation.Cancel();
            }
        }
    }
}
