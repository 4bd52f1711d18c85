using System;

namespace SociTools.Core.Finch
{
    /// <summary>No finch executable was found (or the one named does not exist); the message says how to install Finch.</summary>
    public sealed class FinchNotInstalledException : FinchException
    {
        public FinchNotInstalledException(string message) : base(message)
        {
        }

        public FinchNotInstalledException(string message, Exception inner) : base(message, inner)
        {
        }

        /// <summary>How to install Finch on this kind of host, as one sentence.</summary>
        public static string InstallAdvice(FinchHostKind kind) => kind switch
        {
            FinchHostKind.MacOS =>
                "Install Finch with 'brew install --cask finch' or the .pkg installer from https://runfinch.com",
            FinchHostKind.Windows =>
                "Install Finch with the MSI installer from https://runfinch.com (it puts finch.exe in C:\\Program Files\\Finch\\bin)",
            _ =>
                "Install Finch's deb or rpm package as described at https://runfinch.com (it puts finch in /usr/bin)",
        };
    }
}
