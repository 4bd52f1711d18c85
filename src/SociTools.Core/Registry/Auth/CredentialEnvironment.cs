using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// The home directory, environment variables and OS that credential lookup depends on, so that tests
    /// (and a cmdlet running for another user) can point it elsewhere than the current process.
    /// </summary>
    public sealed class CredentialEnvironment
    {
        private static readonly string[] DefaultWindowsExecutableExtensions = { ".com", ".exe", ".bat", ".cmd" };

        private readonly Func<string, string?> _getVariable;

        public CredentialEnvironment(string homeDirectory, CredentialPlatform platform, Func<string, string?> getVariable)
        {
            if (string.IsNullOrEmpty(homeDirectory))
            {
                throw new ArgumentException("The home directory for credential lookup cannot be empty.", nameof(homeDirectory));
            }

            HomeDirectory = homeDirectory;
            Platform = platform;
            _getVariable = getVariable ?? throw new ArgumentNullException(nameof(getVariable));
        }

        /// <summary>The current user's home, environment and OS.</summary>
        public static CredentialEnvironment Current() =>
            new CredentialEnvironment(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                CurrentPlatform(),
                Environment.GetEnvironmentVariable);

        /// <summary>An environment built from a fixed set of variables.</summary>
        public static CredentialEnvironment Create(
            string homeDirectory, CredentialPlatform platform, IReadOnlyDictionary<string, string> variables)
        {
            var copy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in variables)
            {
                copy[pair.Key] = pair.Value;
            }

            return new CredentialEnvironment(homeDirectory, platform, name => copy.TryGetValue(name, out var value) ? value : null);
        }

        /// <summary>%USERPROFILE% on Windows, $HOME elsewhere.</summary>
        public string HomeDirectory { get; }

        public CredentialPlatform Platform { get; }

        /// <summary>An environment variable, or null when unset or empty.</summary>
        public string? GetVariable(string name)
        {
            var value = _getVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>
        /// Finds a program the way a shell would: each PATH entry (then <paramref name="extraDirectories"/>), and on
        /// Windows each PATHEXT extension. Returns the full path, or null.
        /// </summary>
        public string? FindExecutable(string programName, IEnumerable<string>? extraDirectories = null)
        {
            var separator = Platform == CredentialPlatform.Windows ? ';' : ':';
            var directories = (GetVariable("PATH") ?? string.Empty)
                .Split(new[] { separator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(d => d.Trim().Trim('"'))
                .Concat(extraDirectories ?? Enumerable.Empty<string>())
                .Where(d => d.Length > 0);

            foreach (var directory in directories)
            {
                foreach (var candidate in CandidateFileNames(programName))
                {
                    var path = Path.Combine(directory, candidate);
                    if (File.Exists(path))
                    {
                        return path;
                    }
                }
            }

            return null;
        }

        private IEnumerable<string> CandidateFileNames(string programName)
        {
            if (Platform != CredentialPlatform.Windows)
            {
                return new[] { programName };
            }

            // Windows runs only files with a PATHEXT extension; an extension-less Linux binary is not a candidate.
            var extensions = GetVariable("PATHEXT")?
                .Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Trim())
                .Where(e => e.StartsWith(".", StringComparison.Ordinal))
                .ToArray();
            return (extensions is { Length: > 0 } ? extensions : DefaultWindowsExecutableExtensions)
                .Select(extension => programName + extension.ToLowerInvariant());
        }

        private static CredentialPlatform CurrentPlatform()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return CredentialPlatform.Windows;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? CredentialPlatform.MacOS : CredentialPlatform.Linux;
        }
    }
}
