using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry.Auth
{
    /// <summary>
    /// The credentials <c>finch login</c> and <c>docker login</c> saved: Finch's config.json, then docker's, each through
    /// its <c>credHelpers</c>/<c>credsStore</c> helper and then its inline <c>auths</c>.
    /// </summary>
    public sealed class DockerConfigCredentialProvider : ICredentialProvider
    {
        /// <summary>How long a helper may take; ecr-login may call AWS, so this is generous.</summary>
        public static readonly TimeSpan DefaultHelperTimeout = TimeSpan.FromSeconds(30);

        private const string EcrLoginHelper = "ecr-login";

        // Where Finch's macOS credential server looks for host helpers besides PATH (finch.md §4).
        private static readonly string[] FinchMacHelperDirectories = { "/opt/finch/bin", "/usr/local/bin", "/opt/homebrew/bin" };

        private readonly CredentialEnvironment _environment;
        private readonly IReadOnlyList<DockerConfigLocation> _locations;

        public DockerConfigCredentialProvider()
            : this(CredentialEnvironment.Current())
        {
        }

        public DockerConfigCredentialProvider(CredentialEnvironment environment, TimeSpan? helperTimeout = null)
        {
            _environment = environment ?? throw new ArgumentNullException(nameof(environment));
            HelperTimeout = helperTimeout ?? DefaultHelperTimeout;
            if (HelperTimeout <= TimeSpan.Zero || HelperTimeout.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(helperTimeout), "The credential helper timeout must be positive and under 24 days.");
            }

            _locations = DockerConfigLocation.SearchOrder(environment);
        }

        public TimeSpan HelperTimeout { get; }

        /// <summary>The config.json files consulted, in order (whether or not they exist).</summary>
        public IReadOnlyList<string> ConfigPaths => _locations.Select(l => l.Path).ToArray();

        public async Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(registryHost))
            {
                throw new ArgumentException("A registry host is required to look up its credential.", nameof(registryHost));
            }

            // A helper that cannot run here is reported only if no later file has the credential either.
            CredentialHelperException? unusableHelper = null;
            foreach (var location in _locations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var config = DockerConfigFile.Load(location.Path);
                if (config is null)
                {
                    continue;
                }

                var helper = config.HelperFor(registryHost);
                if (helper != null && !AnswersOnlyOtherHosts(helper, registryHost))
                {
                    var executable = FindHelper(location, helper);
                    if (executable != null)
                    {
                        var source = $"credential helper {helper.ProgramName} ({helper.Origin} in {location.Path})";
                        var fromHelper = await CredentialHelperProcess
                            .GetAsync(executable, helper, registryHost, source, HelperTimeout, cancellationToken)
                            .ConfigureAwait(false);
                        if (fromHelper != null)
                        {
                            return fromHelper;
                        }
                    }
                    else if (IsFinchHelperForItsVm(location))
                    {
                        unusableHelper ??= FinchHelperCannotRunOnWindows(location, helper, registryHost);
                    }
                    else
                    {
                        throw HelperNotFound(location, helper, registryHost);
                    }
                }

                // Entries left from before a helper was set (or written by a tool that ignores helpers) still count.
                var fromAuths = config.FindAuth(registryHost);
                if (fromAuths != null)
                {
                    return fromAuths;
                }
            }

            if (unusableHelper != null)
            {
                throw unusableHelper;
            }

            return null;
        }

        // ecr-login answers "not found" for every non-ECR host; asking it would only cost a process start
        // (and on Windows it cannot run at all), and Finch sets it as credsStore for every host.
        private static bool AnswersOnlyOtherHosts(ConfiguredHelper helper, string registryHost) =>
            string.Equals(helper.Name, EcrLoginHelper, StringComparison.OrdinalIgnoreCase) && !RegistryHostName.IsEcr(registryHost);

        private string? FindHelper(DockerConfigLocation location, ConfiguredHelper helper)
        {
            var extra = location.IsFinch && _environment.Platform == CredentialPlatform.MacOS ? FinchMacHelperDirectories : null;
            return _environment.FindExecutable(helper.ProgramName, extra);
        }

        private bool IsFinchHelperForItsVm(DockerConfigLocation location) =>
            location.IsFinch && _environment.Platform == CredentialPlatform.Windows;

        private static CredentialHelperException FinchHelperCannotRunOnWindows(
            DockerConfigLocation location, ConfiguredHelper helper, string registryHost)
        {
            var vmCopy = Path.Combine(location.FinchDirectory!, "cred-helpers", helper.ProgramName);
            var why = File.Exists(vmCopy)
                ? $"Finch's copy, {vmCopy}, is a Linux program for the Finch VM and cannot run on Windows, and no Windows {helper.ProgramName}.exe is on PATH"
                : $"No Windows {helper.ProgramName}.exe is on PATH, and Finch's own helpers (in {Path.Combine(location.FinchDirectory!, "cred-helpers")}) are Linux programs for the Finch VM that cannot run on Windows";
            var remedy = RegistryHostName.IsEcr(registryHost)
                ? "pass -Credential (for example from Get-ECRLoginCommand, or user AWS with 'aws ecr get-login-password')"
                : "pass -Credential";
            return new CredentialHelperException(
                helper.Name, registryHost,
                $"{location.Path} names credential helper '{helper.Name}' ({helper.Origin}) for '{registryHost}'. {why}. " +
                $"Install the Windows build of {helper.ProgramName} on PATH, or {remedy}.");
        }

        private static CredentialHelperException HelperNotFound(DockerConfigLocation location, ConfiguredHelper helper, string registryHost) =>
            new CredentialHelperException(
                helper.Name, registryHost,
                $"{location.Path} names credential helper '{helper.Name}' ({helper.Origin}) for '{registryHost}', but {helper.ProgramName} " +
                $"was not found on PATH. Install it, or remove the {helper.Origin} setting from {location.Path}.");
    }
}
