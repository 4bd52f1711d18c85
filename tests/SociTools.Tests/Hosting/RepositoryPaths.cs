using System;
using System.IO;
using System.Reflection;

namespace SociTools.Tests.Hosting
{
    /// <summary>Locates the repository root and the assembled module from the test's output folder.</summary>
    public static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The module built in this test assembly's configuration: module/SociTools for Release, artifacts/&lt;Configuration&gt;/SociTools otherwise.</summary>
        public static string ModuleManifest => Path.Combine(ModuleFolder, "SociTools.psd1");

        public static string ModuleFolder { get; } = Configuration == "Release"
            ? Path.Combine(Root, "module", "SociTools")
            : Path.Combine(Root, "artifacts", Configuration, "SociTools");

        private static string Configuration =>
            typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "SociTools.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("SociTools.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
