using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace SociTools.Loader
{
    /// <summary>
    /// The assemblies the module ships in its dependencies folder, by simple name: the only ones the
    /// module's loader ever answers for, whatever version is asked.
    /// </summary>
    internal sealed class ShippedDependencies
    {
        public const string FolderName = "dependencies";

        private readonly Dictionary<string, string> _pathsByName;

        private ShippedDependencies(string moduleFolder, Dictionary<string, string> pathsByName)
        {
            ModuleFolder = moduleFolder;
            Folder = Path.Combine(moduleFolder, FolderName);
            _pathsByName = pathsByName;
        }

        /// <summary>The module's folder: the manifest, the loader and the cmdlets assembly.</summary>
        public string ModuleFolder { get; }

        public string Folder { get; }

        public IEnumerable<string> Paths => _pathsByName.Values;

        /// <summary>The dependencies folder beside the given module assembly.</summary>
        public static ShippedDependencies Beside(Assembly moduleAssembly)
        {
            var moduleFolder = Path.GetDirectoryName(moduleAssembly.Location) ?? ".";
            var folder = Path.Combine(moduleFolder, FolderName);
            var pathsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(folder))
            {
                foreach (var path in Directory.GetFiles(folder, "*.dll"))
                {
                    pathsByName[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }
            return new ShippedDependencies(moduleFolder, pathsByName);
        }

        /// <summary>The shipped file for an assembly of this simple name, or null when the module does not ship one.</summary>
        public string? PathOf(AssemblyName requested) =>
            requested.Name != null && _pathsByName.TryGetValue(requested.Name, out var path) ? path : null;

        /// <summary>Whether the assembly was loaded from this module: its folder or the dependencies folder.</summary>
        public bool Holds(Assembly assembly)
        {
            try
            {
                var folder = string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);
                return string.Equals(folder, ModuleFolder, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(folder, Folder, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false; // dynamic assemblies have no location
            }
        }
    }
}
