using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>
    /// Runs the finch executable: streams its lines, passes cancellation on, and gives finch on Windows the
    /// DOCKER_CONFIG its own tests use. <see cref="RunAsync"/> returns any exit code; <see cref="RunCheckedAsync"/> throws.
    /// </summary>
    public sealed class FinchCli
    {
        public const string DockerConfigVariable = "DOCKER_CONFIG";

        public FinchCli(string executable, FinchHostKind kind)
        {
            Executable = executable;
            Kind = kind;
            InstallRoot = FindInstallRoot(executable);
        }

        public string Executable { get; }

        public FinchHostKind Kind { get; }

        /// <summary>
        /// Finch's install root, <c>&lt;folder of the real finch binary&gt;/..</c> after following symlinks, as finch itself
        /// computes it; Lima lives in <c>&lt;root&gt;/lima/bin/limactl</c> with data in <c>&lt;root&gt;/lima/data</c>.
        /// </summary>
        public string InstallRoot { get; }

        /// <summary>A runner for the finch the user named (-FinchPath), else <c>SOCITOOLS_FINCH</c>, PATH or Finch's install folders.</summary>
        public static FinchCli Locate(string? finchPath)
        {
            var kind = FinchHostPlatform.Current;
            return new FinchCli(FinchExecutable.Locate(finchPath, kind), kind);
        }

        /// <summary>Runs finch and returns how it ended; a non-zero exit code is not an error here.</summary>
        public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<ProcessOutputLine>? onLine, CancellationToken cancellationToken) =>
            RunWithOptionsAsync(arguments, new ProcessRunOptions { OnLine = onLine }, cancellationToken);

        /// <summary>
        /// Runs finch with stdin text, a working folder or extra variables (which win over <see cref="ChildEnvironment"/>);
        /// a non-zero exit code is not an error here.
        /// </summary>
        public async Task<ProcessResult> RunWithOptionsAsync(IReadOnlyList<string> arguments, ProcessRunOptions options, CancellationToken cancellationToken)
        {
            var environment = new Dictionary<string, string?>();
            foreach (var variable in ChildEnvironment()) environment[variable.Key] = variable.Value;
            if (options.Environment != null)
            {
                foreach (var variable in options.Environment) environment[variable.Key] = variable.Value;
            }
            options = new ProcessRunOptions
            {
                Environment = environment,
                OnLine = options.OnLine,
                StandardInput = options.StandardInput,
                WorkingDirectory = options.WorkingDirectory,
                KeptCharacters = options.KeptCharacters,
            };
            try
            {
                return await ProcessRunner.RunAsync(Executable, arguments, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ProcessStartException e)
            {
                throw new FinchNotInstalledException(
                    $"{e.Message} Check that '{Executable}' is the finch executable. {FinchNotInstalledException.InstallAdvice(Kind)}.", e);
            }
        }

        /// <summary>Runs finch and throws <see cref="FinchCommandException"/> (with finch's own message) when it exits non-zero.</summary>
        public async Task<ProcessResult> RunCheckedAsync(IReadOnlyList<string> arguments, Action<ProcessOutputLine>? onLine, CancellationToken cancellationToken)
        {
            var result = await RunAsync(arguments, onLine, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0) throw FinchCommandException.FromResult(arguments, result);
            return result;
        }

        /// <summary>
        /// Variables finch gets on top of ours. Windows: DOCKER_CONFIG=%LOCALAPPDATA%\.finch unless already set, because finch
        /// on the host would otherwise use %USERPROFILE%\.finch, which the VM never reads (finch.md §4).
        /// </summary>
        public IReadOnlyDictionary<string, string?> ChildEnvironment()
        {
            var variables = new Dictionary<string, string?>();
            if (Kind == FinchHostKind.Windows && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DockerConfigVariable)))
            {
                var localAppData = Environment.GetEnvironmentVariable("LOCALAPPDATA");
                if (string.IsNullOrEmpty(localAppData)) localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (!string.IsNullOrEmpty(localAppData)) variables[DockerConfigVariable] = Path.Combine(localAppData, ".finch");
            }
            return variables;
        }

        private static string FindInstallRoot(string executable)
        {
            var real = ResolveLinks(Path.GetFullPath(executable));
            var folder = Path.GetDirectoryName(real) ?? real;
            return Path.GetDirectoryName(folder) ?? folder;
        }

        // netstandard2.0 cannot read symlinks; the runtimes PowerShell 7 runs on can (FileSystemInfo.ResolveLinkTarget).
        private static readonly System.Reflection.MethodInfo? ResolveLinkTarget =
            typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        private static string ResolveLinks(string path)
        {
            if (ResolveLinkTarget == null) return path;
            try
            {
                var target = ResolveLinkTarget.Invoke(new FileInfo(path), new object[] { true }) as FileSystemInfo;
                return target?.FullName ?? path;
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // A broken or unreadable link: finch would fail the same way, so the unresolved path is as good as any.
                return path;
            }
        }
    }
}
