using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using SociTools.Core.Registry.Auth;
using Xunit;

namespace SociTools.Tests.Registry.Auth
{
    /// <summary>A throw-away home directory with config files and real credential-helper scripts, never the real home.</summary>
    internal sealed class CredentialTestHome : IDisposable
    {
        private readonly Dictionary<string, string> _variables = new Dictionary<string, string>(StringComparer.Ordinal);

        public CredentialTestHome(CredentialPlatform platform = CredentialPlatform.Linux)
        {
            Platform = platform;
            Root = Path.Combine(Path.GetTempPath(), "socitools-auth-" + Guid.NewGuid().ToString("N"));
            Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
            HelperDirectory = Directory.CreateDirectory(Path.Combine(Root, "bin")).FullName;
            LocalAppData = Directory.CreateDirectory(Path.Combine(Root, "localappdata")).FullName;
            _variables["PATH"] = HelperDirectory;
            if (platform == CredentialPlatform.Windows)
            {
                _variables["LOCALAPPDATA"] = LocalAppData;
                _variables["PATHEXT"] = ".COM;.EXE;.BAT;.CMD";
            }
        }

        public CredentialPlatform Platform { get; }

        public string Root { get; }

        public string Home { get; }

        public string HelperDirectory { get; }

        public string LocalAppData { get; }

        /// <summary>Where this platform's Finch keeps config.json and cred-helpers.</summary>
        public string FinchDirectory => Platform == CredentialPlatform.Windows
            ? Path.Combine(LocalAppData, ".finch")
            : Path.Combine(Home, ".finch");

        public string HomeDockerDirectory => Path.Combine(Home, ".docker");

        /// <summary>Every file the helper scripts were asked about, one server URL a line.</summary>
        public string RequestLog => Path.Combine(Root, "helper-requests.log");

        public void SetVariable(string name, string value) => _variables[name] = value;

        public CredentialEnvironment Environment() => CredentialEnvironment.Create(Home, Platform, _variables);

        public DockerConfigCredentialProvider Provider(TimeSpan? helperTimeout = null) =>
            new DockerConfigCredentialProvider(Environment(), helperTimeout);

        public string WriteConfig(string directory, string json)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "config.json");
            File.WriteAllText(path, json);
            return path;
        }

        /// <summary>A helper that answers one host with a credential and every other host with docker's "not found".</summary>
        public string WriteAnsweringHelper(string name, string serverUrl, string username, string secret) =>
            WriteHelper(name, $@"host=$(cat)
echo ""$host"" >> '{RequestLog}'
if [ ""$host"" = '{serverUrl}' ]; then
  printf '{{""ServerURL"":""%s"",""Username"":""{username}"",""Secret"":""{secret}""}}\n' ""$host""
  exit 0
fi
echo 'credentials not found in native keychain'
exit 1
");

        public string WriteHelper(string name, string body, string? fileName = null)
        {
            var path = Path.Combine(HelperDirectory, fileName ?? "docker-credential-" + name);
            var script = new StringBuilder("#!/usr/bin/env bash\n")
                .Append("if [ \"$1\" != get ]; then echo \"unexpected action $1\" >&2; exit 2; fi\n")
                .Append(body.Replace("\r\n", "\n"))
                .ToString();
            File.WriteAllText(path, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return path;
        }

        public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

        /// <summary>Fails when a secret shows in what a user would see of the exception.</summary>
        public static void AssertNoSecret(Exception exception, params string[] secrets)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, exception.ToString(), StringComparison.Ordinal);
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A stopped helper may still be releasing its directory; the temp folder is cleaned by the OS.
            }
        }
    }
}
