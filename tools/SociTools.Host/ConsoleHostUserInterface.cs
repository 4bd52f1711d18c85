using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SociTools.Host
{
    /// <summary>Console output for the host; prompts fail because the host is for unattended scripts.</summary>
    internal sealed class ConsoleHostUserInterface : PSHostUserInterface
    {
        public override PSHostRawUserInterface? RawUI => null;
        public override void Write(string value) => Console.Write(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(value);
        public override void WriteLine(string value) => Console.WriteLine(value);
        public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
        public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) => ProgressPrinter.Print(record);
        public override string ReadLine() => throw Unattended();
        public override SecureString ReadLineAsSecureString() => throw Unattended();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Unattended();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Unattended();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Unattended();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Unattended();

        private static Exception Unattended() => new PSInvalidOperationException("socitools-host runs scripts unattended and cannot prompt; pass the value as a parameter.");
    }
}
