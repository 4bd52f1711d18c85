using System;
using System.IO;

namespace SociTools.Tests.Hosting
{
    /// <summary>Locates the repository root and the assembled module from the test's output folder.</summary>
    public static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string ModuleManifest => Path.Combine(Root, "module", "SociTools", "SociTools.psd1");

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
