using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace SociTools.Loader
{
    /// <summary>
    /// A module-private AssemblyLoadContext on PowerShell 7 (.NET), reached through reflection because the
    /// module is built for netstandard2.0, where the type is not visible. Absent on .NET Framework.
    /// </summary>
    /// <remarks>
    /// The shipped assemblies the runtime does not carry itself (the core, YamlDotNet, SharpCompress,
    /// FlatBuffers) are loaded into the context up front: a context looks in its own loaded assemblies
    /// before it falls back to the default context, so the core's references bind to our copies even when
    /// another module has loaded a different version into the default context. Assemblies the runtime
    /// carries at the same or a higher version (System.Memory, System.Text.Json, ...) are left to the
    /// runtime, so the module and PowerShell agree on their types.
    /// </remarks>
    internal sealed class PrivateLoadContext
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;
        private readonly Dictionary<string, Assembly> _loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        private PrivateLoadContext(Type contextType, string name)
        {
            var constructor = contextType.GetConstructor(new[] { typeof(string), typeof(bool) })
                ?? throw new MissingMethodException(contextType.FullName, ".ctor(string, bool)");
            _loadFromAssemblyPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })
                ?? throw new MissingMethodException(contextType.FullName, "LoadFromAssemblyPath");
            _context = constructor.Invoke(new object[] { name, false });
        }

        /// <summary>A new context holding the shipped assemblies the runtime lacks; null on .NET Framework.</summary>
        public static PrivateLoadContext? TryCreate(string name, ShippedDependencies dependencies)
        {
            var contextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            if (contextType == null)
            {
                return null;
            }
            var context = new PrivateLoadContext(contextType, name);
            var runtimeAssemblies = RuntimeAssemblyPaths();
            foreach (var path in dependencies.Paths)
            {
                var shipped = AssemblyName.GetAssemblyName(path);
                if (shipped.Name == null
                    || (runtimeAssemblies.TryGetValue(shipped.Name, out var runtimePath)
                        && AssemblyName.GetAssemblyName(runtimePath).Version >= shipped.Version))
                {
                    continue;
                }
                context._loaded[shipped.Name] = (Assembly)context._loadFromAssemblyPath.Invoke(context._context, new object[] { path });
            }
            return context;
        }

        /// <summary>The assembly of this simple name loaded into the context, or null when the runtime's copy serves.</summary>
        public Assembly? Find(AssemblyName requested) =>
            requested.Name != null && _loaded.TryGetValue(requested.Name, out var assembly) ? assembly : null;

        // The host's trusted platform assemblies (the .NET runtime's and PowerShell's own) by simple name.
        private static Dictionary<string, string> RuntimeAssemblyPaths()
        {
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                {
                    paths[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }
            return paths;
        }
    }
}
