using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Finch
{
    /// <summary>A finch command exited with an error: the command line, the exit code, finch's own message and what it means.</summary>
    public sealed class FinchCommandException : FinchException
    {
        public FinchCommandException(FinchErrorKind kind, string commandLine, int exitCode, string finchMessage)
            : base(Compose(kind, commandLine, exitCode, finchMessage), exitCode)
        {
            Kind = kind;
            CommandLine = commandLine;
            FinchMessage = finchMessage;
        }

        public FinchErrorKind Kind { get; }

        /// <summary>The command as a user would type it, e.g. <c>finch vm start</c>.</summary>
        public string CommandLine { get; }

        /// <summary>finch's own explanation (the last fatal or error line of its stderr).</summary>
        public string FinchMessage { get; }

        /// <summary>The error for a finished finch command that exited with a non-zero code.</summary>
        public static FinchCommandException FromResult(IReadOnlyList<string> arguments, ProcessResult result)
        {
            var message = FinchLogMessage.Summarize(result.StandardError);
            var explained = result.StandardError;
            if (message.Length == 0)
            {
                message = FinchLogMessage.Summarize(result.StandardOutput);
                explained = result.StandardOutput;
            }
            // finch logs on stderr (finch.md §2.3); stdout may be a container's, whose words must not pick the kind.
            return new FinchCommandException(
                FinchErrorClassifier.Classify(explained),
                DisplayCommandLine(arguments),
                result.ExitCode,
                message);
        }

        public static string DisplayCommandLine(IReadOnlyList<string> arguments) =>
            arguments.Count == 0 ? "finch" : "finch " + CommandLineArguments.Join(arguments.ToList());

        private static string Compose(FinchErrorKind kind, string commandLine, int exitCode, string finchMessage)
        {
            var reason = finchMessage.Length > 0 ? finchMessage : "finch printed no reason";
            var hint = Hint(kind);
            return $"'{commandLine}' failed with exit code {exitCode}: {reason}" + (hint.Length > 0 ? " " + hint : "");
        }

        private static string Hint(FinchErrorKind kind) => kind switch
        {
            FinchErrorKind.VmNotFound => "Run Start-FinchVM to create and start the Finch virtual machine.",
            FinchErrorKind.VmNotRunning => "Run Start-FinchVM first.",
            FinchErrorKind.VmRunning => "Stop it first with Stop-FinchVM.",
            FinchErrorKind.VmStatusUnknown =>
                "Lima reports a state finch does not know; wait for it to settle or stop the VM with Stop-FinchVM -Force.",
            FinchErrorKind.SnapshotterNotSupported => "The snapshotters list in finch.yaml may only hold overlayfs and soci.",
            FinchErrorKind.ConfigInvalid => "Fix finch.yaml; finch has already written the rejected value back to it.",
            _ => "",
        };
    }
}
